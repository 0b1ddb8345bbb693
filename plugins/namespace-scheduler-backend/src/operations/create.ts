import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NamespaceOperations } from '../engine';
import type { NamespaceLeases } from '../leases';
import {
  combineCapacities,
  combineGuards,
  OperationCapacity,
  OperationGuard,
} from './OperationGuard';
import type { OperationListener } from './OperationListener';
import { OperationService } from './OperationService';
import { type ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

/**
 * The one entry point of every wake, sleep and scale: the engine behind the
 * guards (asked in order, once per operation), the capacities and the
 * namespace leases, telling the listeners (metrics, notifications,
 * silences) about each operation that ran.
 */
export function createOperations(deps: {
  engine: NamespaceOperations;
  activities: ActivityStore;
  logger: LoggerService;
  guards: OperationGuard[];
  /** Reserved in order once the lease is held (the off-hours slots, the override an operation ends). */
  capacities: OperationCapacity[];
  leases?: NamespaceLeases;
  listeners: OperationListener[];
}): OperationService {
  const { guards, capacities, ...rest } = deps;
  return OperationService.create({
    ...rest,
    guard: combineGuards(...guards),
    capacity: combineCapacities(...capacities),
  });
}
