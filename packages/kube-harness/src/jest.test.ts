import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CONTROL_PLANE_FILE_ENV,
  globalControlPlane,
  publishControlPlane,
  realControlPlanePlan,
  realControlPlaneRequired,
  skipNotice,
} from './jest';

describe('jest helpers', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of [
      'NS_REQUIRE_REAL_K8S',
      'NS_K8S_BIN_SOURCE',
      'NS_K8S_CACHE',
      CONTROL_PLANE_FILE_ENV,
    ]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  function withoutBinaries() {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-harness-plan-'));
    process.env.NS_K8S_BIN_SOURCE = path.join(empty, 'nowhere');
    process.env.NS_K8S_CACHE = path.join(empty, 'cache');
    return empty;
  }

  it('requires the real control plane only with NS_REQUIRE_REAL_K8S=1', () => {
    delete process.env.NS_REQUIRE_REAL_K8S;
    expect(realControlPlaneRequired()).toBe(false);
    process.env.NS_REQUIRE_REAL_K8S = 'true';
    expect(realControlPlaneRequired()).toBe(false);
    process.env.NS_REQUIRE_REAL_K8S = '1';
    expect(realControlPlaneRequired()).toBe(true);
  });

  it('skips without binaries, or fails when they are required', () => {
    const dir = withoutBinaries();
    delete process.env.NS_REQUIRE_REAL_K8S;
    const plan = realControlPlanePlan();
    expect(plan).toMatchObject({ run: false, fail: false });
    const reason = (plan as { reason: string }).reason;
    expect(reason).toContain(
      `${path.join(dir, 'nowhere', 'kube-apiserver.xz')} not found`,
    );
    expect(skipNotice(reason)).toBe(
      `real kube-apiserver suites skipped: ${reason} (set NS_REQUIRE_REAL_K8S=1 to require them)`,
    );
    process.env.NS_REQUIRE_REAL_K8S = '1';
    expect(realControlPlanePlan()).toMatchObject({ run: false, fail: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('globalControlPlane() explains a missing or failed shared control plane', () => {
    delete process.env[CONTROL_PLANE_FILE_ENV];
    expect(() => globalControlPlane()).toThrow(
      /NS_K8S_CONTROL_PLANE_FILE is unset/,
    );
    const file = publishControlPlane({ error: 'etcd exited (code 1)' });
    try {
      expect(() => globalControlPlane()).toThrow(
        'the shared control plane failed to start: etcd exited (code 1)',
      );
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('globalControlPlane() builds kubeconfigs from the published file', () => {
    const file = publishControlPlane({
      url: 'https://127.0.0.1:6443',
      adminToken: 'admin-token',
      caData: 'Q0E=',
    });
    try {
      const shared = globalControlPlane();
      expect(shared.kubeConfigYaml()).toContain('token: "admin-token"');
      const other = shared.kubeConfigYaml({ token: 't2', user: 'eve' });
      expect(other).toContain('token: "t2"');
      expect(other).toContain('name: "eve"');
      expect(other).toContain('certificate-authority-data: "Q0E="');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
