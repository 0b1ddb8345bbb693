import {
  ApiConstructor,
  ApiType,
  AuthenticationV1Api,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import {
  ControlPlane,
  describeOnRealControlPlane,
  globalControlPlane,
  serviceAccountToken,
  startControlPlane,
} from '.';
import { CONTROL_PLANE_FILE_ENV, publishControlPlane } from './jest';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function client<T extends ApiType>(
  kubeconfig: string,
  api: ApiConstructor<T>,
): T {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  return kc.makeApiClient(api);
}

/** The state letter of /proc/<pid>/stat: R, S, T (stopped), Z… */
function procState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/**
 * The process's state once it is stopped ('T'), or the last one seen after
 * 2 s: SIGSTOP reaches every thread of a busy process asynchronously.
 */
async function stoppedState(pid: number): Promise<string | undefined> {
  let state = procState(pid);
  for (let waited = 0; state !== 'T' && waited < 2_000; waited += 20) {
    await sleep(20);
    state = procState(pid);
  }
  return state;
}

/** Whether `promise` is still pending after `ms`: 'pending', else how it settled. */
async function pendingAfter(promise: Promise<unknown>, ms: number) {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    error => (state = `rejected: ${String(error?.message ?? error)}`),
  );
  await sleep(ms);
  return state;
}

describeOnRealControlPlane('startControlPlane', () => {
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await startControlPlane({ users: [{ name: 'bob' }] });
  }, 120_000);

  afterAll(() => cp?.stop());

  it('runs the real binaries, under their own pids', () => {
    const comm = (pid: number) =>
      fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    expect(comm(cp.pids.etcd)).toBe('etcd');
    expect(comm(cp.pids.apiserver)).toBe('kube-apiserver');
    expect(cp.pids.controllerManager).toBeUndefined();
    expect(cp.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.readFileSync(cp.logFiles.apiserver, 'utf8')).toContain(
      '--profiling=false',
    );
  });

  it('lets the admin list namespaces, verifying the serving certificate', async () => {
    expect(cp.kubeConfigYaml()).not.toContain('insecure-skip-tls-verify');
    const core = client(cp.kubeConfigYaml(), CoreV1Api);
    const names = (await core.listNamespace()).items.map(n => n.metadata?.name);
    expect(names).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'kube-public']),
    );
  });

  it('gives users without RBAC grants 403: a static token user and a ServiceAccount', async () => {
    const bob = client(
      cp.kubeConfigYaml({ token: cp.tokens.bob, user: 'bob' }),
      CoreV1Api,
    );
    await expect(bob.listNamespace()).rejects.toMatchObject({ code: 403 });
    const whoami = await client(
      cp.kubeConfigYaml({ token: cp.tokens.bob }),
      AuthenticationV1Api,
    ).createSelfSubjectReview({ body: {} });
    expect(whoami.status?.userInfo?.username).toBe('bob');

    const saToken = await serviceAccountToken(cp, 'cp-test', 'robot');
    const robot = client(cp.kubeConfigYaml({ token: saToken }), CoreV1Api);
    await expect(
      robot.listNamespacedPod({ namespace: 'cp-test' }),
    ).rejects.toMatchObject({ code: 403 });
  });

  it('hangs requests while the apiserver is frozen and completes them after thaw', async () => {
    const core = client(cp.kubeConfigYaml(), CoreV1Api);
    cp.freeze('apiserver');
    try {
      expect(await stoppedState(cp.pids.apiserver)).toBe('T');
      const request = core.listNamespace();
      expect(await pendingAfter(request, 1500)).toBe('pending');
      cp.thaw('apiserver');
      const list = await request;
      expect(list.items.length).toBeGreaterThan(0);
    } finally {
      cp.thaw('apiserver');
    }
  }, 30_000);

  it('hangs writes while etcd is frozen and completes them after thaw', async () => {
    const core = client(cp.kubeConfigYaml(), CoreV1Api);
    cp.freeze('etcd');
    try {
      expect(await stoppedState(cp.pids.etcd)).toBe('T');
      const write = core.createNamespace({
        body: { metadata: { name: 'written-while-frozen' } },
      });
      expect(await pendingAfter(write, 1500)).toBe('pending');
      cp.thaw('etcd');
      expect((await write).metadata?.name).toBe('written-while-frozen');
    } finally {
      cp.thaw('etcd');
    }
    expect(() => cp.freeze('controllerManager')).toThrow(
      /runs no controllerManager/,
    );
  }, 30_000);

  it('is reachable through globalControlPlane() once published', async () => {
    const before = process.env[CONTROL_PLANE_FILE_ENV];
    const file = publishControlPlane({
      url: cp.url,
      adminToken: cp.adminToken,
      caData: cp.caData,
    });
    try {
      const shared = globalControlPlane();
      expect(shared.url).toBe(cp.url);
      const core = client(shared.kubeConfigYaml(), CoreV1Api);
      await expect(
        core.readNamespace({ name: 'default' }),
      ).resolves.toMatchObject({ metadata: { name: 'default' } });
    } finally {
      fs.rmSync(file, { force: true });
      if (before === undefined) delete process.env[CONTROL_PLANE_FILE_ENV];
      else process.env[CONTROL_PLANE_FILE_ENV] = before;
    }
  });

  it('stop() kills every process and removes its dir; stopping twice is harmless', async () => {
    const pids = [cp.pids.etcd, cp.pids.apiserver];
    cp.freeze('apiserver'); // a frozen process dies too
    await cp.stop();
    await cp.stop();
    for (const pid of pids) expect(procState(pid)).toBeUndefined();
    expect(fs.existsSync(cp.dir)).toBe(false);
  }, 30_000);
});

describeOnRealControlPlane('a control plane that fails to start', () => {
  it('names the process and shows the end of its log', async () => {
    const error: Error = await startControlPlane({
      apiserverArgs: ['--no-such-flag'],
    }).then(
      () => {
        throw new Error('started');
      },
      e => e,
    );
    expect(error.message).toMatch(/^kube-apiserver exited \(code 1/);
    expect(error.message).toContain('unknown flag: --no-such-flag');
  }, 60_000);
});
