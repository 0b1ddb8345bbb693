import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ActivityStore } from '../activity';
import type { NamespaceOperations } from '../engine';
import type { NamespaceLeases } from '../leases';
import { createOperationListeners } from '../observability';
import {
  combineGuards,
  OperationCapacity,
  OperationGuard,
} from './OperationGuard';
import { OperationService } from './OperationService';

type ListenerDeps = Parameters<typeof createOperationListeners>[0];

/**
 * The one entry point of every wake, sleep and scale: the engine behind the
 * guards (asked in order, once per operation), the capacity and the
 * namespace leases, telling the listeners (metrics, notifications,
 * silences) about each operation that ran.
 */
export function createOperations(
  deps: ListenerDeps & {
    engine: NamespaceOperations;
    activities: ActivityStore;
    logger: LoggerService;
    guards: OperationGuard[];
    capacity?: OperationCapacity;
    leases?: NamespaceLeases;
  },
): OperationService {
  const { engine, activities, logger, capacity, leases } = deps;
  return OperationService.create({
    engine,
    activities,
    logger,
    guard: combineGuards(...deps.guards),
    capacity,
    leases,
    listeners: createOperationListeners(deps),
  });
}
