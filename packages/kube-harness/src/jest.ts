import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ControlPlane,
  controlPlaneAvailability,
  ControlPlaneOptions,
  startControlPlane,
} from './controlPlane';
import { ControlPlaneConnection, connectionOf } from './kubeconfig';

/** Env var holding the path of the JSON file that describes the shared control plane. */
export const CONTROL_PLANE_FILE_ENV = 'NS_K8S_CONTROL_PLANE_FILE';
/** Env var that, set to 1, makes the real-control-plane suites required. */
export const REQUIRE_REAL_K8S_ENV = 'NS_REQUIRE_REAL_K8S';

/** True when `NS_REQUIRE_REAL_K8S=1`: suites fail instead of skipping when there is no control plane. */
export function realControlPlaneRequired(): boolean {
  return process.env[REQUIRE_REAL_K8S_ENV] === '1';
}

/** What `describeOnRealControlPlane` does here. */
export type RealControlPlanePlan =
  | { run: true }
  | { run: false; fail: boolean; reason: string };

export function realControlPlanePlan(): RealControlPlanePlan {
  const availability = controlPlaneAvailability();
  if (availability.available) return { run: true };
  return {
    run: false,
    fail: realControlPlaneRequired(),
    reason: availability.reason,
  };
}

export function skipNotice(reason: string): string {
  return `real kube-apiserver suites skipped: ${reason} (set ${REQUIRE_REAL_K8S_ENV}=1 to require them)`;
}

/**
 * One key per Jest run, the same in the main process and in its workers: the
 * main process's pid and start time (workers are its forked children).
 */
function jestRunKey(): string {
  const forkedWorker =
    process.env.JEST_WORKER_ID !== undefined &&
    typeof process.send === 'function';
  const mainPid = forkedWorker ? process.ppid : process.pid;
  let started = '';
  try {
    const stat = fs.readFileSync(`/proc/${mainPid}/stat`, 'utf8');
    started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    // not Linux: the pid alone
  }
  return `${mainPid}-${started}`;
}

/**
 * Jest's globals, reached through globalThis: this module registers suites
 * for the test files that call it, it is not a test file itself.
 */
const jestGlobals = globalThis as unknown as {
  describe: jest.Describe;
  it: jest.It;
};

let noticePrinted = false;

/** Prints the skip line to stderr once per Jest run (a marker file per run). */
export function printSkipNoticeOnce(reason: string) {
  if (noticePrinted) return;
  noticePrinted = true;
  const dir = path.join(os.tmpdir(), 'ns-kube-harness-notices');
  try {
    fs.mkdirSync(dir, { recursive: true });
    const dayAgo = Date.now() - 86_400_000;
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true });
    }
    fs.writeFileSync(path.join(dir, jestRunKey()), '', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    // no marker possible: print (at worst once per process)
  }
  process.stderr.write(`${skipNotice(reason)}\n`);
}

/**
 * `describe(name, fn)` when a real control plane can run here. Otherwise, when
 * `NS_REQUIRE_REAL_K8S=1`, a suite whose one test fails with the reason; else a
 * suite with one skipped test, and a line on stderr (once per Jest run).
 */
export function describeOnRealControlPlane(name: string, fn: () => void): void {
  const { describe, it } = jestGlobals;
  const plan = realControlPlanePlan();
  if (plan.run) {
    describe(name, fn);
    return;
  }
  if (plan.fail) {
    const message = `a real control plane is required (${REQUIRE_REAL_K8S_ENV}=1) but unavailable: ${plan.reason}`;
    describe(name, () => {
      it(`needs a real control plane (${REQUIRE_REAL_K8S_ENV}=1)`, () => {
        throw new Error(message);
      });
    });
    return;
  }
  printSkipNoticeOnce(plan.reason);
  describe(name, () => {
    it.skip(`needs a real control plane: ${plan.reason}`, () => {});
  });
}

interface ConnectionFile {
  url?: string;
  adminToken?: string;
  caData?: string;
  error?: string;
}

/**
 * The control plane the Jest globalSetup started for this run (shared by all
 * test files: use namespaces of your own). Throws when there is none, or with
 * the start error when it failed to start. Freezing tests start their own.
 */
export function globalControlPlane(): ControlPlaneConnection {
  const file = process.env[CONTROL_PLANE_FILE_ENV];
  if (!file) {
    throw new Error(
      `no shared control plane in this Jest run (${CONTROL_PLANE_FILE_ENV} is unset): ` +
        `the package's Jest globalSetup must call startGlobalControlPlane() ` +
        `(packages/kube-harness/README.md)`,
    );
  }
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as ConnectionFile;
  if (data.error) {
    throw new Error(`the shared control plane failed to start: ${data.error}`);
  }
  if (!data.url || !data.adminToken || !data.caData) {
    throw new Error(`${file} does not describe a control plane`);
  }
  return connectionOf({
    url: data.url,
    adminToken: data.adminToken,
    caData: data.caData,
  });
}

/** Writes the file `globalControlPlane()` reads and points the env var at it. */
export function publishControlPlane(
  data: ConnectionFile & Record<string, unknown>,
): string {
  const file = path.join(
    os.tmpdir(),
    `ns-k8s-control-plane-${process.pid}-${randomBytes(4).toString(
      'hex',
    )}.json`,
  );
  fs.writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
  process.env[CONTROL_PLANE_FILE_ENV] = file;
  return file;
}

/** What `startGlobalControlPlane` started; `stop()` it in globalTeardown. */
export interface GlobalControlPlane {
  /** Absent when it failed to start (the suites then fail with the error). */
  controlPlane?: ControlPlane;
  stop(): Promise<void>;
}

/**
 * For a Jest globalSetup: starts one control plane for the run (controller
 * manager and fake kubelet on by default) and publishes it to the workers
 * through `NS_K8S_CONTROL_PLANE_FILE`. Starts nothing (undefined) when that
 * is set already, or when no control plane can run here (then it prints the
 * skip line unless `NS_REQUIRE_REAL_K8S=1`; the suites skip or fail). A start
 * failure does not throw: it is published, so that the suites using
 * `globalControlPlane()` fail with it while the others run.
 */
export async function startGlobalControlPlane(
  options: ControlPlaneOptions = {},
): Promise<GlobalControlPlane | undefined> {
  if (process.env[CONTROL_PLANE_FILE_ENV]) return undefined;
  const plan = realControlPlanePlan();
  if (!plan.run) {
    if (!plan.fail) printSkipNoticeOnce(plan.reason);
    return undefined;
  }
  let controlPlane: ControlPlane;
  try {
    controlPlane = await startControlPlane({
      controllerManager: true,
      fakeKubelet: true,
      ...options,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `the shared real control plane failed to start: ${message}\n`,
    );
    const file = publishControlPlane({ error: message });
    return {
      async stop() {
        fs.rmSync(file, { force: true });
        delete process.env[CONTROL_PLANE_FILE_ENV];
      },
    };
  }
  const file = publishControlPlane({
    url: controlPlane.url,
    adminToken: controlPlane.adminToken,
    caData: controlPlane.caData,
    pids: controlPlane.pids,
    logFiles: controlPlane.logFiles,
  });
  return {
    controlPlane,
    async stop() {
      await controlPlane.stop();
      fs.rmSync(file, { force: true });
      delete process.env[CONTROL_PLANE_FILE_ENV];
    },
  };
}
