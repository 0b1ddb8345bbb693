import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ManagedNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';
import type { Knex } from 'knex';
import type { NamespaceOperations } from '../engine';
import { instanceId } from './instanceId';
import { KnexOperationLeaseStore } from './KnexOperationLeaseStore';
import { LeaseStatus } from './LeaseStatus';
import { NamespaceLeases } from './NamespaceLeases';
import { DEFAULT_REPAIR_SCHEDULE, RepairSweep } from './RepairSweep';

/**
 * One operation per namespace across instances: the leases operations take,
 * what the API shows of them, and the sweep that repairs namespaces whose
 * holder died mid-operation.
 */
export function createLeases(deps: {
  knex: Knex;
  logger: LoggerService;
  engine: Pick<NamespaceOperations, 'repair'>;
  /** Told of each namespace repaired. */
  onRepaired?: (ref: ManagedNamespaceRef) => Promise<void>;
}) {
  const { knex, logger, engine, onRepaired } = deps;
  const store = KnexOperationLeaseStore.create({ knex });
  // This instance, as the lease table and the runner's claims show it.
  const holder = instanceId();
  const repairs = RepairSweep.create({
    store,
    engine,
    logger,
    holder,
    onRepaired,
  });
  return {
    holder,
    namespaces: NamespaceLeases.create({ store, logger, holder }),
    status: LeaseStatus.create({ store }),
    repairSchedule: DEFAULT_REPAIR_SCHEDULE,
    repair: async () => {
      await repairs.sweep();
    },
  };
}
