import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  forecast,
  formatNamespaceRef,
  namespaceReadPermission,
  OffHoursStatus,
  PreviewTransition,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import type { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import type { ScheduleStore } from './ScheduleStore';

const DAY_MS = 86_400_000;

/** What the forecast reads besides the schedules. */
export type ForecastSources = {
  /** The live state the forecast starts from. */
  namespaceStatus: NamespaceStatusReader;
  /** The off-hours limit and who holds its slots, for the boundary sleeps. */
  offHours: { status(): Promise<OffHoursStatus> };
};

type PreviewDeps = ForecastSources & {
  store: Pick<ScheduleStore, 'list'>;
  authorizer: NamespaceAuthorizer;
  catalog: Pick<NamespaceCatalog, 'claimOf'>;
  clock: Clock;
};

/**
 * What will happen to a namespace in the coming days, for readers of the
 * namespace: the forecast the calendar draws (its schedules, overrides and
 * the off-hours boundary), from the live state.
 */
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
    const [schedules, { state }, offHours] = await Promise.all([
      this.deps.store.list(query),
      this.deps.namespaceStatus.status(query.cluster, query.namespace),
      this.deps.offHours.status(),
    ]);
    const { transitions } = forecast({
      schedules,
      state,
      from,
      to: from + (query.days ?? 7) * DAY_MS,
      offHours,
      holdsSlot: offHours.slots.some(slot => sameNamespace(slot, query)),
    });
    return transitions.slice(0, query.limit ?? 50);
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
