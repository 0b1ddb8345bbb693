import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NamespaceOperations } from '../engine';
import type { NamespaceLeases } from '../leases';
import {
  combineGuards,
  OperationCapacity,
  OperationGuard,
} from './OperationGuard';
import type { OperationListener } from './OperationListener';
import { OperationService } from './OperationService';
import { type ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

/**
 * The one entry point of every wake, sleep and scale: the engine behind the
 * guards (asked in order, once per operation), the capacity and the
 * namespace leases, telling the listeners (metrics, notifications,
 * silences) about each operation that ran.
 */
export function createOperations(deps: {
  engine: NamespaceOperations;
  activities: ActivityStore;
  logger: LoggerService;
  guards: OperationGuard[];
  capacity?: OperationCapacity;
  leases?: NamespaceLeases;
  listeners: OperationListener[];
}): OperationService {
  const { guards, ...rest } = deps;
  return OperationService.create({ ...rest, guard: combineGuards(...guards) });
}
