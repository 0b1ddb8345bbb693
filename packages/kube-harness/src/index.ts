/**
 * A real Kubernetes control plane for the Namespace Scheduler's tests (the
 * envtest pattern): etcd, kube-apiserver and kube-controller-manager started
 * from prebuilt binaries, plus a fake kubelet that marks pods ready.
 *
 * @packageDocumentation
 */
export { controlPlaneAvailability, startControlPlane } from './controlPlane';
export type {
  ControlPlane,
  ControlPlaneAvailability,
  ControlPlaneComponent,
  ControlPlaneOptions,
} from './controlPlane';
export type { ControlPlaneConnection } from './kubeconfig';
export { kubeConfigYamlFor } from './kubeconfig';
export { startFakeKubelet, runningPodStatus } from './fakeKubelet';
export type {
  FakeKubelet,
  FakeKubeletOptions,
  FakeKubeletTarget,
} from './fakeKubelet';
export type { StaticTokenUser } from './pki';
export { serviceAccountToken } from './serviceAccounts';
export {
  CONTROL_PLANE_FILE_ENV,
  REQUIRE_REAL_K8S_ENV,
  describeOnRealControlPlane,
  globalControlPlane,
  realControlPlaneRequired,
  startGlobalControlPlane,
} from './jest';
export type { GlobalControlPlane } from './jest';
export {
  KUBE_VERSION,
  defaultCacheDir,
  defaultSourceDir,
  ensureBinaries,
} from './binaries';
export type { BinaryLocations } from './binaries';
export { freePort } from './processes';
export { waitUntilServing } from './serverProcess';
