import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  activityReadAllPermission,
  CostReport,
  formatNamespaceRef,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceClaim } from '../catalog/NamespaceCatalog';
import { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import {
  groupBy,
  linesOf,
  PricedNamespace,
  rounded,
  totalOf,
} from './aggregate';
import { chargedIntervals } from './chargedIntervals';
import { ChargedTimeReader } from './ChargedTimeReader';
import { CostReportPrices } from './config';
import { ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

export type CostReportOptions = {
  activities: ActivityStore;
  claims: { allClaims(): Promise<NamespaceClaim[]> };
  statusReader: NamespaceStatusReader;
  authorizer: NamespaceAuthorizer;
  prices: CostReportPrices;
  clock?: Clock;
};

/**
 * Awake hours, estimated cost and savings per cost center and team (admins).
 * Hours come from the activity log; prices from the workloads' live requests,
 * so a report prices past hours at today's requests.
 */
export class CostReportService {
  static create(options: CostReportOptions) {
    return new CostReportService(
      { clock: systemClock, ...options },
      ChargedTimeReader.create(options),
    );
  }

  private constructor(
    private readonly deps: CostReportOptions & { clock: Clock },
    private readonly charged: ChargedTimeReader,
  ) {}

  async report(
    range: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ): Promise<CostReport> {
    await this.deps.authorizer.assert(credentials, activityReadAllPermission);
    const { from, to } = this.resolveRange(range);
    // Time after now has neither been awake nor asleep yet.
    const until = Math.min(to.getTime(), this.deps.clock.now().getTime());
    const window = {
      from: from.getTime(),
      to: Math.max(until, from.getTime()),
    };
    const namespaces = await this.pricedNamespaces(from, to, window);
    const lines = namespaces
      .flatMap(item => linesOf(item, this.deps.prices))
      .map(rounded);
    const { cpuHour, gibHour, currency } = this.deps.prices;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      currency,
      prices: { cpu_hour: cpuHour, gib_hour: gibHour },
      totals: totalOf(lines),
      by_cost_center: groupBy(lines, l => l.cost_center).map(
        ([costCenter, totals]) => ({ cost_center: costCenter, ...totals }),
      ),
      by_team: groupBy(lines, l => l.team).map(([team, totals]) => ({
        ...(team && { team }),
        ...totals,
      })),
      lines,
    };
  }

  private resolveRange(range: { from?: Date; to?: Date }) {
    const to = range.to ?? this.deps.clock.now();
    const from =
      range.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    if (to <= from) throw new InputError('to: must be after from');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new InputError(`to: at most ${MAX_RANGE_DAYS} days after from`);
    }
    return { from, to };
  }

  /** Claimed namespaces and those with records in the range, each priced. */
  private async pricedNamespaces(
    from: Date,
    to: Date,
    window: { from: number; to: number },
  ): Promise<PricedNamespace[]> {
    const [claims, records] = await Promise.all([
      this.deps.claims.allClaims(),
      this.charged.succeededRecords({ from, to }),
    ]);
    const refs = new Map<string, { cluster: string; namespace: string }>();
    for (const { cluster, namespace } of [...claims, ...records]) {
      refs.set(formatNamespaceRef({ cluster, namespace }), {
        cluster,
        namespace,
      });
    }
    const claimOf = new Map(
      claims.map(claim => [formatNamespaceRef(claim), claim]),
    );
    const priced = await Promise.all(
      [...refs.values()].map(async ref => ({
        ...ref,
        team: claimOf.get(formatNamespaceRef(ref))?.ownerRefs[0],
        requests: await this.charged.requestsOf(ref),
        intervals: chargedIntervals(
          await this.charged.lastBefore(ref, from),
          records.filter(record => sameNamespace(record, ref)),
          window,
        ),
      })),
    );
    return priced.filter(item => item.intervals.length > 0);
  }
}
