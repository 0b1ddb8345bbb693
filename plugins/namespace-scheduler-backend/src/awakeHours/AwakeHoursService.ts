import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AwakeHours,
  awakeHoursPeriodStart,
  awakeHoursWithLiveState,
  namespaceReadPermission,
  normalizeTimeZone,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { TeamCostService } from '../costReport';
import type { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import { ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

const DAY_MS = 86_400_000;

export type AwakeHoursQuery = {
  entityRef: string;
  /** Local days, today included. */
  days: number;
  /** IANA zone the days are counted in. */
  zone: string;
};

/**
 * Awake hours per local day of an entity's namespaces (the entity tab's
 * chart), counting the present: a namespace that the live cluster shows
 * awake (or partly) without an open wake record counts as awake since the
 * period's start or its latest record, whichever is later. With `cost`,
 * the same period's estimated cost and savings, priced as the cost report
 * prices them.
 */
export class AwakeHoursService {
  static create(options: {
    catalog: NamespaceCatalog;
    authorizer: NamespaceAuthorizer;
    activities: ActivityStore;
    /** The live state, for the namespaces awake now. */
    status: NamespaceStatusReader;
    /** The period's money; without it, hours only. */
    cost?: TeamCostService;
    clock?: Clock;
  }) {
    return new AwakeHoursService(
      options.catalog,
      options.authorizer,
      options.activities,
      options.status,
      options.clock ?? systemClock,
      options.cost,
    );
  }

  private constructor(
    private readonly catalog: NamespaceCatalog,
    private readonly authorizer: NamespaceAuthorizer,
    private readonly activities: ActivityStore,
    private readonly status: NamespaceStatusReader,
    private readonly clock: Clock,
    private readonly teamCost?: TeamCostService,
  ) {}

  /** Per day, over the entity's namespaces the caller may read; the others are left out. */
  async perDay(
    query: AwakeHoursQuery,
    credentials: BackstageCredentials,
  ): Promise<AwakeHours> {
    const zone = knownZone(query.zone);
    const namespaces = await this.readableNamespaces(
      query.entityRef,
      credentials,
    );
    const now = this.clock.now().getTime();
    // A day early: the first local day may begin before `now - days` in UTC.
    const from = new Date(now - (query.days + 1) * DAY_MS);
    const [records, awakeNow] = await Promise.all([
      this.activities.periodRecords(namespaces, from),
      this.awakeNow(namespaces),
    ]);
    const options = { now, days: query.days, zone };
    const hours = awakeHoursWithLiveState(records, awakeNow, options);
    const cost = await this.teamCost?.cost(namespaces, {
      from: new Date(awakeHoursPeriodStart(options)),
      to: new Date(now),
      awakeSince: new Map(
        hours.unrecorded.map(u => [u.namespace, Date.parse(u.since)]),
      ),
    });
    return cost ? { ...hours, cost } : hours;
  }

  /** Those the live cluster shows running (awake or partly); unknown ones are left out. */
  private async awakeNow<T extends { cluster: string; namespace: string }>(
    namespaces: T[],
  ): Promise<T[]> {
    const states = await Promise.all(
      namespaces.map(
        async ns => (await this.status.status(ns.cluster, ns.namespace)).state,
      ),
    );
    return namespaces.filter(
      (_, i) => states[i] === 'awake' || states[i] === 'partial',
    );
  }

  /** As the tab lists them: the entity read with the caller's credentials. */
  private async readableNamespaces(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await this.catalog.getEntity(entityRef, credentials);
    return this.authorizer.filter(
      credentials,
      namespaceReadPermission,
      this.catalog.namespacesOf(entity),
    );
  }
}

/** An unknown zone is the caller's mistake, not a failure of the chart. */
function knownZone(zone: string): string {
  const known = normalizeTimeZone(zone);
  if (!known) throw new InputError(`zone: unknown IANA time zone "${zone}"`);
  return known;
}
