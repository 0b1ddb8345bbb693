/**
 * Checks for manifests/ and the CI workflows. The package is test-only: its
 * Jest suites (src/*.test.ts) render every kustomization with the pinned
 * kustomize binary and validate each object (helpers in src/__testUtils__,
 * which use the devDependencies). Exported here: the metric names the
 * alerts and the dashboard may query, for the metrics code to match.
 *
 * @packageDocumentation
 */
export { metricSelectorsIn, METRICS, allowedSeriesNames } from './promql';
export { REPO_ROOT, repoPath } from './paths';
