import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  activityReadAllPermission,
  ANNOTATION_SCHEDULE,
  formatDeclaredSchedule,
  formatNamespaceRef,
  MigrationCandidate,
  MigrationCandidates,
  MigrationImportRequest,
  MigrationImportResponse,
  MigrationImportResult,
  MigrationPullRequest,
  parseDateTime,
  ProposedSchedule,
  Schedule,
  ScheduleTiming,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { ClusterAccess } from '../clusters';
import { describeError } from '../engine/errors';
import type { NamespaceAuthorizer } from '../permissions';
import type { ScheduleService, ScheduleStore } from '../schedules';
import { ClusterScanner, FoundSchedule } from './ClusterScanner';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Said wherever an import is offered or done: the old tool still acts until removed. */
export const MIGRATION_REMINDER =
  'The import changes nothing on the clusters: remove the kube-downscaler annotations and SleepInfos it replaces (or uninstall the tool), or both will act on the namespaces.';

const SCAN_NOTES = [
  MIGRATION_REMINDER,
  'kube-downscaler cluster-wide defaults (--default-uptime, --default-downtime, --namespace, --exclude-namespaces) are set on its Deployment, not on the cluster objects: the scan cannot see them. Namespaces scheduled only by those defaults need their schedules created by hand.',
];

/** The errors a user can fix: reported per item, the rest fail the request. */
const REFUSALS = [
  'InputError',
  'ConflictError',
  'NotAllowedError',
  'NotFoundError',
];

type Deps = {
  clusters: Pick<ClusterAccess, 'clusterNames'>;
  scanner: Pick<ClusterScanner, 'scan'>;
  catalog: Pick<NamespaceCatalog, 'allClaims'>;
  store: Pick<ScheduleStore, 'list'>;
  schedules: Pick<ScheduleService, 'create' | 'delete'>;
  authorizer: NamespaceAuthorizer;
};

/**
 * Migration from kube-downscaler and kube-green, for admins: what the
 * clusters hold mapped to schedules (candidates), and their import through
 * the ordinary schedule service (its checks, the caller's identity, its
 * activity). Nothing is changed on the clusters.
 */
export class MigrationService {
  static create(deps: Deps): MigrationService {
    return new MigrationService(deps);
  }

  private constructor(private readonly deps: Deps) {}

  async candidates(
    credentials: BackstageCredentials,
  ): Promise<MigrationCandidates> {
    await this.deps.authorizer.assert(credentials, activityReadAllPermission);
    const { found, errors } = await this.scanAll();
    const [claims, schedules] = await Promise.all([
      this.deps.catalog.allClaims(),
      this.deps.store.list(),
    ]);
    const entitiesOf = new Map(
      claims.map(claim => [formatNamespaceRef(claim), claim.entityRefs]),
    );
    const items = found.map(item =>
      candidateOf(
        item,
        entitiesOf.get(formatNamespaceRef(item)) ?? [],
        schedules,
      ),
    );
    return {
      items,
      pull_requests: pullRequests(items),
      errors,
      notes: SCAN_NOTES,
    };
  }

  async import(
    request: MigrationImportRequest,
    credentials: UserCredentials,
  ): Promise<MigrationImportResponse> {
    const { items } = await this.candidates(credentials);
    const byId = new Map(items.map(item => [item.id, item]));
    const results: MigrationImportResult[] = [];
    // One at a time: a candidate's schedules may overlap the previous one's.
    for (const { id, cost_center } of request.items) {
      const candidate = byId.get(id);
      const result = await this.importOne(
        candidate,
        id,
        cost_center,
        credentials,
      );
      // Named twice in one request: imported once.
      if (candidate && result.status === 'created') {
        byId.set(id, { ...candidate, imported: true });
      }
      results.push(result);
    }
    return { items: results, reminder: MIGRATION_REMINDER };
  }

  private async importOne(
    candidate: MigrationCandidate | undefined,
    id: string,
    costCenter: string,
    credentials: UserCredentials,
  ): Promise<MigrationImportResult> {
    if (!candidate) {
      return refused(id, 'not found on the clusters any more; scan again');
    }
    if (candidate.imported) {
      return { id, status: 'already_imported', schedule_ids: [] };
    }
    if (candidate.proposed.length === 0) {
      return refused(id, `nothing to import: ${candidate.notes.join('; ')}`);
    }
    const created: string[] = [];
    try {
      for (const proposed of candidate.proposed) {
        const schedule = await this.deps.schedules.create(
          {
            ...proposed,
            cluster: candidate.cluster,
            namespace: candidate.namespace,
            cost_center: costCenter,
          },
          credentials,
        );
        created.push(schedule.id);
      }
      return { id, status: 'created', schedule_ids: created };
    } catch (error) {
      if (!isError(error) || !REFUSALS.includes(error.name)) throw error;
      // All of a candidate or nothing: half a sleep/wake pair would strand the namespace.
      for (const scheduleId of created) {
        await this.deps.schedules.delete(scheduleId, credentials);
      }
      return refused(id, error.message);
    }
  }

  private async scanAll() {
    const names = this.deps.clusters.clusterNames();
    const scans = await Promise.allSettled(
      names.map(cluster => this.deps.scanner.scan(cluster)),
    );
    const found: FoundSchedule[] = [];
    const errors: MigrationCandidates['errors'] = [];
    scans.forEach((scan, i) => {
      if (scan.status === 'fulfilled') found.push(...scan.value);
      else
        errors.push({ cluster: names[i], message: describeError(scan.reason) });
    });
    return { found, errors };
  }
}

function refused(id: string, message: string): MigrationImportResult {
  return { id, status: 'refused', schedule_ids: [], message };
}

function candidateOf(
  item: FoundSchedule,
  entityRefs: string[],
  schedules: Schedule[],
): MigrationCandidate {
  const { proposed, notes } = item.mapping;
  const existing = schedules.filter(
    s =>
      s.status === 'active' &&
      s.cluster === item.cluster &&
      s.namespace === item.namespace,
  );
  return {
    id: `${item.tool}:${formatNamespaceRef(item)}:${item.source.kind}/${
      item.source.name
    }`,
    tool: item.tool,
    cluster: item.cluster,
    namespace: item.namespace,
    source: item.source,
    original: item.original,
    proposed,
    notes,
    imported:
      proposed.length > 0 &&
      proposed.every(p => existing.some(s => timingKey(s) === timingKey(p))),
    entity_refs: entityRefs,
    annotation_entries: annotationEntries(item, proposed),
  };
}

/** The schedules as `namespace-scheduler/schedule` entries, when all are weekly. */
function annotationEntries(
  ref: { cluster: string; namespace: string },
  proposed: ProposedSchedule[],
): string[] | undefined {
  const weekly = proposed.flatMap(p => (p.kind === 'weekly' ? [p] : []));
  if (weekly.length === 0 || weekly.length < proposed.length) return undefined;
  return weekly.map(({ title: _title, ...timing }) =>
    formatDeclaredSchedule({ target: formatNamespaceRef(ref), timing }),
  );
}

/** What a schedule does and when, without its name or namespace. */
function timingKey(timing: ScheduleTiming): string {
  switch (timing.kind) {
    case 'weekly':
      return JSON.stringify([
        timing.kind,
        timing.zone,
        timing.days,
        timing.from,
        timing.to,
      ]);
    case 'cron':
      return JSON.stringify([
        timing.kind,
        timing.zone,
        timing.cron,
        timing.operation,
        timing.replicas,
      ]);
    case 'window':
      // Stored windows may be written in another offset than the proposal.
      return JSON.stringify([
        timing.kind,
        parseDateTime(timing.start, timing.zone),
        parseDateTime(timing.end, timing.zone),
      ]);
    default:
      return timing.kind;
  }
}

/** Per claiming entity, its candidates' weekly schedules as its catalog-info.yaml annotation. */
function pullRequests(items: MigrationCandidate[]): MigrationPullRequest[] {
  const entries = new Map<string, string[]>();
  for (const item of items) {
    const entity = item.entity_refs[0];
    if (!entity || !item.annotation_entries) continue;
    entries.set(entity, [
      ...(entries.get(entity) ?? []),
      ...item.annotation_entries,
    ]);
  }
  return [...entries].map(([entityRef, lines]) => ({
    entity_ref: entityRef,
    snippet: [
      `# catalog-info.yaml of ${entityRef}`,
      'metadata:',
      '  annotations:',
      `    ${ANNOTATION_SCHEDULE}: |`,
      ...lines.map(line => `      ${line}`),
    ].join('\n'),
  }));
}
