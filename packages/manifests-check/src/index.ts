/**
 * Checks for manifests/ and the CI workflows. The package is test-only: its
 * Jest suites (src/*.test.ts) render every kustomization with the pinned
 * kustomize binary and validate each object (helpers in src/__testUtils__,
 * which use the devDependencies). Exported here: the metric names the
 * alerts and the dashboard may query, for the metrics code to match, and
 * the rendering itself, for the backend's tests that apply the manifests to
 * a real kube-apiserver.
 *
 * @packageDocumentation
 */
export { metricSelectorsIn, METRICS, allowedSeriesNames } from './promql';
export { REPO_ROOT, repoPath } from './paths';
export { kustomizeBuild, describeObject } from './kustomize';
export type { KubeObject } from './kustomize';
