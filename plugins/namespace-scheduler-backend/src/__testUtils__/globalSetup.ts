import { startGlobalControlPlane } from '@namespace-scheduler/kube-harness';
import { startTestPostgres } from './postgres';

export const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

type Stoppable = { stop(): Promise<void> };
const shared = globalThis as { __nsPostgres?: Stoppable; __nsKube?: Stoppable };

/**
 * Jest global setup, both at once:
 * - one real PostgreSQL for this package's tests unless one is given in the
 *   environment (TestDatabases reads PG_ENV);
 * - one real Kubernetes control plane (etcd, kube-apiserver,
 *   kube-controller-manager and a fake kubelet) that test files reach through
 *   `globalControlPlane()` from @namespace-scheduler/kube-harness. Nothing
 *   starts where the binaries are missing: `describeOnRealControlPlane`
 *   suites then skip (or fail, with NS_REQUIRE_REAL_K8S=1).
 */
export default async function globalSetup() {
  const [pg, kube] = await Promise.allSettled([
    process.env[PG_ENV] ? undefined : startTestPostgres(),
    startGlobalControlPlane({ controllerManager: true, fakeKubelet: true }),
  ]);
  if (kube.status === 'fulfilled') shared.__nsKube = kube.value;
  if (pg.status === 'rejected') {
    await shared.__nsKube?.stop();
    throw pg.reason;
  }
  if (pg.value) {
    process.env[PG_ENV] = pg.value.connectionString;
    shared.__nsPostgres = pg.value;
  }
  if (kube.status === 'rejected') {
    await shared.__nsPostgres?.stop();
    throw kube.reason;
  }
}
