import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CostEstimate,
  NamespaceStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  CostReportPrices,
  linesOf,
  namespaceRequests,
  rounded,
} from '../costReport';
import { Clock, systemClock } from '../time/Clock';

const HOUR_MS = 3_600_000;
/** As far ahead as the cost report reaches back. */
const MAX_UNTIL_DAYS = 366;

export type CostEstimateQuery = {
  cluster: string;
  namespace: string;
  /** What the dialog asks for: a wake (held `until`, or open) or a scale. */
  operation: 'wake' | 'scale';
  /** The scale's replicas. */
  replicas?: number;
  /** The end of a wake held until then. */
  until?: Date;
  costCenter?: string;
};

/** A managed namespace's live state for a caller: 404 when unclaimed, 403 without read permission. */
export type NamespaceStatusForCaller = {
  status(
    ref: { cluster: string; namespace: string },
    credentials: BackstageCredentials,
  ): Promise<NamespaceStatus>;
};

/**
 * What a wake or scale would cost, for the operation dialogs: the
 * namespace's live requests (at the scale's replicas) priced as the cost
 * report prices an awake interval, from now until `until` or for one hour.
 * Without configured prices, or live requests, there is no estimate rather
 * than a guess.
 */
export class CostEstimateService {
  static create(options: {
    namespaces: NamespaceStatusForCaller;
    /** Absent when the platform team set none. */
    prices?: CostReportPrices;
    clock?: Clock;
  }) {
    return new CostEstimateService(
      options.namespaces,
      options.prices,
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly namespaces: NamespaceStatusForCaller,
    private readonly prices: CostReportPrices | undefined,
    private readonly clock: Clock,
  ) {}

  async estimate(
    query: CostEstimateQuery,
    credentials: BackstageCredentials,
  ): Promise<CostEstimate> {
    const interval = this.intervalOf(query);
    const { cluster, namespace } = query;
    const status = await this.namespaces.status(
      { cluster, namespace },
      credentials,
    );
    const prices = this.prices;
    if (!prices) return { available: false, reason: 'prices-not-configured' };
    if (status.state === 'unknown') {
      return { available: false, reason: 'requests-unknown' };
    }
    const requests = namespaceRequests(status, { replicas: query.replicas });
    const costCenter = query.costCenter ?? '';
    const [line] = linesOf(
      {
        cluster,
        namespace,
        requests,
        intervals: [{ awake: true, costCenter, ...interval }],
      },
      prices,
    ).map(rounded);
    return {
      available: true,
      currency: prices.currency,
      ...(query.costCenter && { cost_center: query.costCenter }),
      cpu_cores: line.cpu_cores,
      memory_gib: line.memory_gib,
      hourly_price: line.hourly_price,
      ...(query.until && {
        until: query.until.toISOString(),
        hours: line.awake_hours,
        estimated_cost: line.estimated_cost,
      }),
    };
  }

  /** From now until `until`, or one hour: refused, naming the field, when it makes no sense. */
  private intervalOf(query: CostEstimateQuery) {
    const { operation, replicas, until } = query;
    if (operation === 'scale' && replicas === undefined) {
      throw new InputError('replicas: is required for operation scale');
    }
    if (operation !== 'scale' && replicas !== undefined) {
      throw new InputError('replicas: is only allowed with operation scale');
    }
    if (operation !== 'wake' && until !== undefined) {
      throw new InputError('until: is only allowed with operation wake');
    }
    const start = this.clock.now().getTime();
    if (!until) return { start, end: start + HOUR_MS };
    const end = until.getTime();
    if (end <= start) throw new InputError('until: must be in the future');
    if (end - start > MAX_UNTIL_DAYS * 24 * HOUR_MS) {
      throw new InputError(`until: at most ${MAX_UNTIL_DAYS} days ahead`);
    }
    return { start, end };
  }
}
