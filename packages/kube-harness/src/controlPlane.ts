import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BinaryLocations,
  defaultLocations,
  ensureBinaries,
  etcdBinary,
  missingBinaryPieces,
  which,
} from './binaries';
import {
  FakeKubelet,
  FakeKubeletOptions,
  startFakeKubelet,
} from './fakeKubelet';
import { ControlPlaneConnection, kubeConfigYamlFor } from './kubeconfig';
import { generatePki, StaticTokenUser } from './pki';
import {
  forgetDir,
  forgetPid,
  freePorts,
  httpGet,
  kill,
  ManagedProcess,
  removeOnExit,
  spawnLogged,
  StartError,
  startWatchdog,
  waitUntilReady,
} from './processes';

/** Whether `startControlPlane` can work here, and if not, why not. */
export type ControlPlaneAvailability =
  | { available: true }
  | { available: false; reason: string };

/**
 * Whether the binaries (xz sources, or a populated cache), etcd and openssl
 * are there. The reason is one line naming what is missing.
 */
export function controlPlaneAvailability(
  locations: BinaryLocations = defaultLocations(),
): ControlPlaneAvailability {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {
      available: false,
      reason: `the kube binaries are linux/amd64, this is ${process.platform}/${process.arch}`,
    };
  }
  const missing = missingBinaryPieces(locations);
  if (!etcdBinary()) {
    missing.push('etcd not found on PATH (apt-get install etcd-server)');
  }
  if (!which('openssl')) {
    missing.push('openssl not found on PATH (apt-get install openssl)');
  }
  return missing.length
    ? { available: false, reason: missing.join('; ') }
    : { available: true };
}

export type ControlPlaneComponent = 'etcd' | 'apiserver' | 'controllerManager';

export interface ControlPlaneOptions {
  /** Also run kube-controller-manager (deployments, replica sets, stateful sets, HPA, GC…). */
  controllerManager?: boolean;
  /** Also run a fake kubelet for all namespaces (options: for it). */
  fakeKubelet?: boolean | FakeKubeletOptions;
  /** Where the process logs go (default: the control plane's temp dir, removed by stop()). */
  logDir?: string;
  /** Extra kube-apiserver flags; they come last, so they override the defaults. */
  apiserverArgs?: string[];
  /** Extra etcd flags; they come last. */
  etcdArgs?: string[];
  /** Extra kube-controller-manager flags; they come last. */
  controllerManagerArgs?: string[];
  /** More static token users, besides the admin (their tokens: `tokens[name]`). */
  users?: StaticTokenUser[];
  /** How long each process may take to become ready (default 90 s). */
  startTimeoutMs?: number;
  /** Where the kube binaries come from (default `$NS_K8S_BIN_SOURCE`, `$NS_K8S_CACHE`). */
  binaries?: BinaryLocations;
}

/** A running etcd + kube-apiserver (+ kube-controller-manager, + fake kubelet). */
export interface ControlPlane extends ControlPlaneConnection {
  /** Pids of the binaries themselves (no wrapper shell). */
  pids: { etcd: number; apiserver: number; controllerManager?: number };
  /** Bearer token of every static user by name: `admin`, `system:kube-controller-manager`, `users`. */
  tokens: Record<string, string>;
  /** The temp dir (certificates, tokens, etcd data); removed by stop(). */
  dir: string;
  logFiles: { etcd: string; apiserver: string; controllerManager?: string };
  /** Milliseconds each step took to become ready. */
  startupMs: {
    binaries: number;
    etcd: number;
    apiserver: number;
    controllerManager?: number;
    total: number;
  };
  fakeKubelet?: FakeKubelet;
  /** SIGSTOP the process: requests to it hang until thaw(). */
  freeze(component: ControlPlaneComponent): void;
  /** SIGCONT the process. */
  thaw(component: ControlPlaneComponent): void;
  /** Kills everything (SIGKILL) and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const PORT_ATTEMPTS = 4;

async function withPortRetry<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (
        !(error instanceof StartError && error.portTaken) ||
        attempt >= PORT_ATTEMPTS
      ) {
        throw error;
      }
    }
  }
}

/** `promise`, or undefined after `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>(r => {
        timer = setTimeout(() => r(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kill a process that failed to start and wait until it is gone. */
async function discard(proc: ManagedProcess) {
  kill(proc.pid);
  await withTimeout(proc.exited, 5000);
  forgetPid(proc.pid);
}

/**
 * Starts etcd and kube-apiserver on free loopback ports (and, as asked,
 * kube-controller-manager and a fake kubelet), resolving once the apiserver
 * answers /readyz (and the `default` ServiceAccount exists, proof that the
 * controllers run). On failure it cleans up and throws with the last 30 lines
 * of the failing process's log.
 */
export async function startControlPlane(
  options: ControlPlaneOptions = {},
): Promise<ControlPlane> {
  const t0 = Date.now();
  const availability = controlPlaneAvailability(options.binaries);
  if (!availability.available) {
    throw new Error(`no real control plane here: ${availability.reason}`);
  }
  const bins = await ensureBinaries(options.binaries);
  const etcd = etcdBinary()!;
  const tBinaries = Date.now();
  const timeoutMs = options.startTimeoutMs ?? 90_000;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-k8s-'));
  removeOnExit(dir);
  const logDir = options.logDir ?? dir;
  fs.mkdirSync(logDir, { recursive: true });
  const pidFile = path.join(dir, 'pids');
  const watchdog = startWatchdog(process.pid, pidFile, dir);
  const procs: ManagedProcess[] = [];
  const recordPids = () =>
    fs.writeFileSync(pidFile, procs.map(p => p.pid).join(' '));
  let kubelet: FakeKubelet | undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const kubeletStopped = kubelet?.stop();
      kill(watchdog);
      if (watchdog) forgetPid(watchdog);
      for (const proc of [...procs].reverse()) kill(proc.pid);
      // A referenced timer: it keeps node alive until the exits are seen.
      await withTimeout(Promise.all(procs.map(p => p.exited)), 10_000);
      procs.forEach(p => forgetPid(p.pid));
      await kubeletStopped;
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      forgetDir(dir);
    })());

  try {
    const pki = generatePki(dir, options.users);
    const caData = Buffer.from(pki.caPem).toString('base64');

    // etcd
    const etcdLog = path.join(logDir, 'etcd.log');
    const { proc: etcdProc, port: etcdPort } = await withPortRetry(async () => {
      const [client, peer] = await freePorts(2);
      const dataDir = path.join(dir, `etcd-${client}`);
      const proc = spawnLogged('etcd', etcd, [
        '--name', 'default',
        '--data-dir', dataDir,
        '--listen-client-urls', `http://127.0.0.1:${client}`,
        '--advertise-client-urls', `http://127.0.0.1:${client}`,
        '--listen-peer-urls', `http://127.0.0.1:${peer}`,
        '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
        '--initial-cluster', `default=http://127.0.0.1:${peer}`,
        '--logger', 'zap',
        ...(options.etcdArgs ?? []),
      ], etcdLog); // prettier-ignore
      procs.push(proc);
      recordPids();
      try {
        await waitUntilReady(proc, 'answered /health', timeoutMs, async () => {
          const res = await httpGet(`http://127.0.0.1:${client}/health`);
          return res.status === 200 && res.body.includes('"true"');
        });
      } catch (error) {
        procs.splice(procs.indexOf(proc), 1);
        await discard(proc);
        throw error;
      }
      return { proc, port: client };
    });
    const tEtcd = Date.now();

    // kube-apiserver
    const apiserverLog = path.join(logDir, 'kube-apiserver.log');
    const { proc: apiProc, url } = await withPortRetry(async () => {
      const [port] = await freePorts(1);
      const proc = spawnLogged('kube-apiserver', bins['kube-apiserver'], [
        '--etcd-servers', `http://127.0.0.1:${etcdPort}`,
        '--bind-address', '127.0.0.1',
        '--advertise-address', '127.0.0.1',
        '--secure-port', String(port),
        '--endpoint-reconciler-type', 'none',
        '--tls-cert-file', pki.servingCert,
        '--tls-private-key-file', pki.servingKey,
        '--token-auth-file', pki.tokensCsv,
        '--client-ca-file', pki.caCert,
        '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file', pki.saPub,
        '--service-account-signing-key-file', pki.saKey,
        '--service-cluster-ip-range', '10.96.0.0/16',
        '--authorization-mode', 'RBAC',
        '--profiling=false',
        ...(options.apiserverArgs ?? []),
      ], apiserverLog); // prettier-ignore
      procs.push(proc);
      recordPids();
      const base = `https://127.0.0.1:${port}`;
      try {
        await waitUntilReady(proc, 'ready (/readyz)', timeoutMs, async () => {
          const res = await httpGet(`${base}/readyz`, {
            token: pki.adminToken,
            ca: pki.caPem,
          });
          return res.status === 200;
        });
      } catch (error) {
        procs.splice(procs.indexOf(proc), 1);
        await discard(proc);
        throw error;
      }
      return { proc, url: base };
    });
    const tApiserver = Date.now();

    // kube-controller-manager
    let kcmProc: ManagedProcess | undefined;
    let kcmLog: string | undefined;
    if (options.controllerManager) {
      const kubeconfig = path.join(dir, 'kcm.kubeconfig');
      fs.writeFileSync(
        kubeconfig,
        kubeConfigYamlFor(
          { url, adminToken: pki.controllerManagerToken, caData },
          { user: 'system:kube-controller-manager' },
        ),
        { mode: 0o600 },
      );
      const log = path.join(logDir, 'kube-controller-manager.log');
      kcmLog = log;
      kcmProc = await withPortRetry(async () => {
        const [port] = await freePorts(1);
        const proc = spawnLogged(
          'kube-controller-manager',
          bins['kube-controller-manager'],
          [
            '--kubeconfig', kubeconfig,
            '--authentication-kubeconfig', kubeconfig,
            '--authorization-kubeconfig', kubeconfig,
            '--bind-address', '127.0.0.1',
            '--secure-port', String(port),
            '--service-account-private-key-file', pki.saKey,
            '--root-ca-file', pki.caCert,
            '--use-service-account-credentials=true',
            '--leader-elect=false',
            '--profiling=false',
            ...(options.controllerManagerArgs ?? []),
          ],
          log,
        ); // prettier-ignore
        procs.push(proc);
        recordPids();
        try {
          await waitUntilReady(
            proc,
            'running its controllers (ServiceAccount default/default created)',
            timeoutMs,
            async () => {
              const res = await httpGet(
                `${url}/api/v1/namespaces/default/serviceaccounts/default`,
                { token: pki.adminToken, ca: pki.caPem },
              );
              return res.status === 200;
            },
          );
        } catch (error) {
          procs.splice(procs.indexOf(proc), 1);
          await discard(proc);
          throw error;
        }
        return proc;
      });
    }
    const tKcm = Date.now();

    if (options.fakeKubelet) {
      kubelet = await startFakeKubelet(
        { url, token: pki.adminToken, caData },
        options.fakeKubelet === true ? {} : options.fakeKubelet,
      );
    }

    const pids = {
      etcd: etcdProc.pid,
      apiserver: apiProc.pid,
      ...(kcmProc ? { controllerManager: kcmProc.pid } : {}),
    };
    const pidOf = (component: ControlPlaneComponent) => {
      const pid = pids[component];
      if (pid === undefined) {
        throw new Error(`this control plane runs no ${component}`);
      }
      return pid;
    };
    return {
      url,
      adminToken: pki.adminToken,
      caData,
      kubeConfigYaml: opts =>
        kubeConfigYamlFor({ url, adminToken: pki.adminToken, caData }, opts),
      pids,
      tokens: pki.tokens,
      dir,
      logFiles: {
        etcd: etcdLog,
        apiserver: apiserverLog,
        ...(kcmLog ? { controllerManager: kcmLog } : {}),
      },
      startupMs: {
        binaries: tBinaries - t0,
        etcd: tEtcd - tBinaries,
        apiserver: tApiserver - tEtcd,
        ...(kcmProc ? { controllerManager: tKcm - tApiserver } : {}),
        total: Date.now() - t0,
      },
      fakeKubelet: kubelet,
      freeze: component => process.kill(pidOf(component), 'SIGSTOP'),
      thaw: component => process.kill(pidOf(component), 'SIGCONT'),
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
