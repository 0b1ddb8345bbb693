import { mockServices } from '@backstage/backend-test-utils';
import {
  BusinessHoursSpec,
  formatNamespaceRef,
  keepsAwake,
  NamespaceStatus,
  OperationIntent,
  OperationResult,
  OperationType,
  parseNamespaceResourceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { KnexActivityStore } from '../activity';
import {
  ManagedNamespaceRef,
  NamespaceClaim,
} from '../catalog/NamespaceCatalog';
import { assembleCostCenters, CostCenterDirectory, CostCenterSource, KnexCostCenterPermissionStore } from '../costCenters';
import { NamespaceOperations } from '../engine';
import {
  createRules,
  DEFAULT_BUSINESS_HOURS,
  KnexOffHoursSlotStore,
  OffHoursBoundary,
  OffHoursGuard,
  OffHoursPlanner,
  OffHoursScheduleGuard,
  OffHoursService,
  SaveLock,
} from '../offHours';
import { combineGuards, OperationService } from '../operations';
import { NamespaceAuthorizer } from '../permissions';
import {
  createScheduleServices,
  KnexScheduleStore,
  ScheduleRunner,
} from '../schedules';
import { Clock } from '../time/Clock';
import { operationResult } from './fakeEngine';

/** The catalog as governance reads it: each namespace's cost centers and users' groups. */
export class FakeDirectory implements CostCenterDirectory {
  constructor(
    /** `cluster/namespace` → the cost centers its claiming entity declares. */
    readonly costCenters: Record<string, string[]>,
    /** user ref → group refs */
    readonly groups: Record<string, string[]> = {},
  ) {}

  async validFor(ref: ManagedNamespaceRef): Promise<CostCenterSource[]> {
    return (this.costCenters[formatNamespaceRef(ref)] ?? []).map(
      costCenter => ({
        costCenter,
        entityRef: `component:default/${ref.namespace}`,
      }),
    );
  }

  async declarations(): Promise<CostCenterSource[]> {
    const all = Object.keys(this.costCenters).map(key =>
      this.validFor(parseNamespaceResourceRef(key)!),
    );
    return (await Promise.all(all)).flat();
  }

  async membershipOf(userRef: string): Promise<string[]> {
    return [userRef, ...(this.groups[userRef] ?? [])];
  }

  /** The claim index of NamespaceCatalog over the same namespaces. */
  claims() {
    const claimOf = async (
      ref: ManagedNamespaceRef,
    ): Promise<NamespaceClaim | undefined> =>
      formatNamespaceRef(ref) in this.costCenters
        ? {
            ...ref,
            entityRefs: [`component:default/${ref.namespace}`],
            ownerRefs: [],
          }
        : undefined;
    const allClaims = async () => {
      const claims = Object.keys(this.costCenters).map(key =>
        claimOf(parseNamespaceResourceRef(key)!),
      );
      return (await Promise.all(claims)).flatMap(claim => claim ?? []);
    };
    return { claimOf, allClaims };
  }
}

/** An engine that only keeps which namespaces are awake (`cluster/namespace`). */
export class AwakeEngine implements NamespaceOperations {
  readonly awake = new Set<string>();

  async status(cluster: string, namespace: string): Promise<NamespaceStatus> {
    const awake = this.awake.has(formatNamespaceRef({ cluster, namespace }));
    return {
      cluster,
      namespace,
      state: awake ? 'awake' : 'asleep',
      workloads: [],
      counts: {
        total: 1,
        awake: awake ? 1 : 0,
        asleep: awake ? 0 : 1,
        excluded: 0,
        off: 0,
      },
      observedAt: new Date().toISOString(),
    };
  }

  async run(cluster: string, namespace: string, intent: OperationIntent) {
    return this.apply(intent.operation, cluster, namespace, keepsAwake(intent));
  }

  /** Nothing to undo: its operations never leave changes behind. */
  async repair() {
    return { done: true, restored: 0, leftAlone: [], errors: [] };
  }

  private async apply(
    operation: OperationType,
    cluster: string,
    namespace: string,
    awake: boolean,
  ): Promise<OperationResult> {
    const key = formatNamespaceRef({ cluster, namespace });
    if (awake) this.awake.add(key);
    else this.awake.delete(key);
    return operationResult({ operation, cluster, namespace });
  }
}

/**
 * One backend instance with governance wired as plugin.ts does, on a shared
 * database and clock (everything allowed by the permission framework).
 */
export function governedInstance<
  E extends NamespaceOperations = AwakeEngine,
>(options: {
  knex: Knex;
  clock: Clock;
  directory: FakeDirectory;
  engine?: E;
  limit?: number;
  scope?: 'global' | 'cluster';
  businessHours?: BusinessHoursSpec;
  defaultAuthorized?: boolean;
  instanceId?: string;
}) {
  const { knex, clock, directory } = options;
  const engine = options.engine ?? new AwakeEngine();
  const logger = mockServices.logger.mock();
  const authorizer = NamespaceAuthorizer.create({
    permissions: mockServices.permissions(),
  });
  const claims = directory.claims();
  const costCenterStore = KnexCostCenterPermissionStore.create({ knex });
  const costCenters = assembleCostCenters({
    directory,
    store: costCenterStore,
    authorizer,
    claims,
    defaultAuthorized: options.defaultAuthorized ?? true,
    clock,
  });
  const rules = createRules({
    limit: options.limit ?? 5,
    scope: options.scope ?? 'global',
    businessHours: options.businessHours ?? DEFAULT_BUSINESS_HOURS,
  });
  const slots = KnexOffHoursSlotStore.create({ knex });
  const offHoursGuard = OffHoursGuard.create({ rules, slots, clock });
  const activities = KnexActivityStore.create({ knex });
  const operations = OperationService.create({
    engine,
    activities,
    logger,
    clock,
    guard: combineGuards(costCenters.guard, offHoursGuard),
    capacity: offHoursGuard,
  });
  const scheduleStore = KnexScheduleStore.create({ knex });
  const planner = OffHoursPlanner.create({
    rules,
    schedules: scheduleStore,
    slots,
  });
  const offHours = OffHoursService.create({
    rules,
    slots,
    planner,
    authorizer,
    clock,
  });
  const { schedules, preview } = createScheduleServices({
    store: scheduleStore,
    namespaceStatus: engine,
    offHours,
    operations,
    authorizer,
    catalog: claims,
    clusterNames: () => ['sandbox', 'other'],
    clock,
    saveGuards: [
      costCenters.guard,
      OffHoursScheduleGuard.create({
        rules,
        planner,
        lock: SaveLock.create({ knex }),
        clock,
      }),
    ],
  });
  const boundary = OffHoursBoundary.create({
    rules,
    slots,
    schedules: scheduleStore,
    claims,
    status: engine,
    operations,
    costCenters: costCenters.valid,
    activities,
    logger,
    clock,
    instanceId: options.instanceId ?? 'a',
  });
  const runner = ScheduleRunner.create({
    store: scheduleStore,
    operations,
    logger,
    clock,
    instanceId: options.instanceId ?? 'a',
  });
  return {
    engine,
    costCenterStore,
    costCenters,
    slots,
    activities,
    operations,
    scheduleStore,
    schedules,
    preview,
    boundary,
    offHours,
    runner,
    /** One runner tick as plugin.ts schedules it: due schedules, then the boundary step. */
    tick: async () => {
      await runner.tick();
      return boundary.tick();
    },
  };
}
