import type { ScheduleTiming } from '../schedule/types';

/**
 * The tools whose schedules can be imported.
 *
 * @public
 */
export type MigrationTool = 'kube-downscaler' | 'kube-green';

/**
 * A schedule an import would create: its title and timing; the namespace
 * and cost center come from the candidate and the import.
 *
 * @public
 */
export type ProposedSchedule = { title: string } & ScheduleTiming;

/**
 * One object of another tool found on a cluster (a namespace's or a
 * workload's kube-downscaler annotations, a kube-green SleepInfo), with the
 * schedules of this plugin that do the same.
 *
 * @public
 */
export type MigrationCandidate = {
  /** Stable across scans: `tool:cluster/namespace:Kind/name`. */
  id: string;
  tool: MigrationTool;
  cluster: string;
  namespace: string;
  source: { kind: string; name: string };
  /** The annotations or spec as found, one `key: value` per line. */
  original: string;
  /** Empty when nothing maps (see `notes`). */
  proposed: ProposedSchedule[];
  /** What differs, does not map, or is already honoured, and what to do instead. */
  notes: string[];
  /** Every proposed schedule already exists on the namespace. */
  imported: boolean;
  /** The catalog entities claiming the namespace; none: claim it before importing. */
  entity_refs: string[];
  /** The same schedules as `namespace-scheduler/schedule` entries, when all are weekly. */
  annotation_entries?: string[];
};

/**
 * The `namespace-scheduler/schedule` annotation an entity's catalog-info.yaml
 * would carry to declare the imported schedules instead.
 *
 * @public
 */
export type MigrationPullRequest = {
  entity_ref: string;
  /** A YAML snippet for the entity's catalog-info.yaml. */
  snippet: string;
};

/** @public */
export type MigrationCandidates = {
  items: MigrationCandidate[];
  pull_requests: MigrationPullRequest[];
  /** Clusters that could not be scanned, with why. */
  errors: Array<{ cluster: string; message: string }>;
  /** What the scan cannot see (cluster-wide defaults) and the next steps. */
  notes: string[];
};

/**
 * What to import: candidates by id, each with the cost center its schedules charge.
 *
 * @public
 */
export type MigrationImportRequest = {
  items: Array<{ id: string; cost_center: string }>;
};

/** @public */
export type MigrationImportResult = {
  id: string;
  /** `refused`: nothing of this candidate was created (see `message`). */
  status: 'created' | 'already_imported' | 'refused';
  schedule_ids: string[];
  message?: string;
};

/** @public */
export type MigrationImportResponse = {
  items: MigrationImportResult[];
  /** The import changes nothing on the clusters: remove the old tool's annotations or SleepInfos. */
  reminder: string;
};
