import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  formatNamespaceRef,
  namespaceReadPermission,
  PreviewTransition,
  previewTransitions,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import type { ScheduleStore } from './ScheduleStore';

const DAY_MS = 86_400_000;

type PreviewDeps = {
  store: Pick<ScheduleStore, 'list'>;
  authorizer: NamespaceAuthorizer;
  catalog: Pick<NamespaceCatalog, 'claimOf'>;
  clock: Clock;
};

/** What a namespace's schedules will do in the coming days, for readers of the namespace. */
export class SchedulePreview {
  static create(
    deps: Omit<PreviewDeps, 'clock'> & { clock?: Clock },
  ): SchedulePreview {
    return new SchedulePreview({ ...deps, clock: deps.clock ?? systemClock });
  }

  private constructor(private readonly deps: PreviewDeps) {}

  /**
   * The next transitions of a managed namespace from `from` (an ISO 8601
   * date-time; now by default): `days` ahead (7), `limit` at most (50).
   * 404 for a namespace no catalog entity claims: it has no schedules to
   * preview, and an empty list would say it simply has none.
   */
  async preview(
    query: {
      cluster: string;
      namespace: string;
      days?: number;
      limit?: number;
      from?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<PreviewTransition[]> {
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceReadPermission,
      query,
    );
    if (!(await this.deps.catalog.claimOf(query))) {
      throw new NotFoundError(
        `Namespace ${formatNamespaceRef(
          query,
        )} is not managed: no catalog entity claims it`,
      );
    }
    const from = startOf(query.from, this.deps.clock.now().getTime());
    return previewTransitions(await this.deps.store.list(query), {
      from,
      to: from + (query.days ?? 7) * DAY_MS,
      limit: query.limit ?? 50,
    });
  }
}

/** The preview's start: `from` (the spec has checked it is an RFC 3339 date-time) as epoch ms, or now. */
function startOf(from: string | undefined, now: number): number {
  if (from === undefined) return now;
  const at = Date.parse(from);
  if (Number.isNaN(at)) {
    throw new InputError(`from: "${from}" is not an ISO 8601 date-time`);
  }
  return at;
}
