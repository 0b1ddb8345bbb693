import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import {
  OperationResult,
  OriginalValue,
  replicasOf,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceOperations } from '../engine';
import type { OperationJournal } from '../engine/types';
import type { HeldLease, NamespaceLeases } from '../leases';
import { Clock, systemClock } from '../time/Clock';
import {
  allowAllOperations,
  OperationCapacity,
  OperationGuard,
  OperationReservation,
} from './OperationGuard';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from './OperationListener';
import {
  assertReplicas,
  describe,
  effectOf,
  failedResult,
} from './operationResults';
import type { OperationOutcome, OperationRequest } from './types';
import { ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

/**
 * The single entry point for every wake, sleep and scale: asks the guard,
 * takes the namespace's lease (one operation per namespace at a time, across
 * instances), runs the engine, and records one activity per operation that
 * is not a dry run — also when the engine fails or throws, so the activity
 * log misses no operation.
 */
export class OperationService {
  static create(options: {
    engine: NamespaceOperations;
    activities: ActivityStore;
    logger: LoggerService;
    guard?: OperationGuard;
    capacity?: OperationCapacity;
    clock?: Clock;
    /** Told about every operation that ran (metrics, notifications, silences). */
    listeners?: OperationListener[];
    /** Without them, operations on one namespace may overlap (single-class tests). */
    leases?: NamespaceLeases;
  }): OperationService {
    return new OperationService(
      options.engine,
      options.activities,
      options.logger,
      options.guard ?? allowAllOperations,
      options.capacity,
      options.clock ?? systemClock,
      options.listeners ?? [],
      options.leases,
    );
  }

  private constructor(
    private readonly engine: NamespaceOperations,
    private readonly activities: ActivityStore,
    private readonly logger: LoggerService,
    private readonly guard: OperationGuard,
    private readonly capacity: OperationCapacity | undefined,
    private readonly clock: Clock,
    private readonly listeners: OperationListener[],
    private readonly leases: NamespaceLeases | undefined,
  ) {}

  async execute(request: OperationRequest): Promise<OperationOutcome> {
    await this.assertAllowed(request);
    const operationId = randomUUID();
    // Every line of this operation, the engine's included, carries both ids.
    const logger = this.logger.child({
      operationId,
      correlationId: request.correlationId ?? operationId,
    });
    if (request.dryRun) return { result: await this.plan(request, logger) };
    // Before the capacity: a refused operation must not hold a slot.
    const lease = await this.leases?.acquire(request, logger);
    try {
      return await this.run(request, operationId, logger, lease);
    } finally {
      await lease?.end();
    }
  }

  private async assertAllowed(request: OperationRequest) {
    assertReplicas(request);
    await this.guard.assertAllowed(request);
  }

  /** A dry run takes no lease (it changes nothing) but says when the namespace awaits repair. */
  private async plan(
    request: OperationRequest,
    logger: LoggerService,
  ): Promise<OperationResult> {
    const result = await this.runEngine(request, this.clock.now(), logger);
    const warning = await this.leases?.repairWarning(request);
    if (!warning) return result;
    return { ...result, warnings: [...(result.warnings ?? []), warning] };
  }

  private async run(
    request: OperationRequest,
    operationId: string,
    logger: LoggerService,
    lease: HeldLease | undefined,
  ): Promise<OperationOutcome> {
    const reservation = await this.capacity?.reserve(request);
    const startedAt = this.clock.now();
    const result = await this.runEngine(request, startedAt, logger, lease);
    await lease?.settle(result);
    if (reservation) await this.settle(reservation, request, result);
    const activity = await this.activities.record(
      {
        cluster: request.cluster,
        namespace: request.namespace,
        operation: request.operation,
        replicas: replicasOf(request),
        costCenter: request.costCenter,
        requestedBy: request.requestedBy,
        approvedBy: request.approvedBy ?? reservation?.approvedBy,
        userId: request.userId ?? request.requestedBy,
        scheduleId: request.scheduleId,
        source: request.source,
        reason: request.reason,
        timestampStart: startedAt,
        timestampEnd: this.clock.now(),
        result,
      },
      effectOf(request, result),
    );
    await this.tellListeners({
      request,
      operationId,
      result,
      activity,
      logger,
    });
    return { result, activity };
  }

  /** Listeners run side by side; one failing is logged and fails nothing. */
  private async tellListeners(event: OperationOutcomeEvent) {
    await Promise.all(
      this.listeners.map(listener =>
        listener.onOutcome(event).catch(error => {
          event.logger.warn(
            `Operation listener ${listener.name} failed: ${describe(error)}`,
          );
        }),
      ),
    );
  }

  /** A reservation that cannot be settled must not cost the activity record. */
  private async settle(
    reservation: OperationReservation,
    request: OperationRequest,
    result: OperationResult,
  ) {
    try {
      await reservation.settle(result);
    } catch (error) {
      const where = `${request.operation} ${request.cluster}/${request.namespace}`;
      this.logger.error(
        `${where}: settling its reservation failed: ${describe(error)}`,
      );
    }
  }

  /**
   * The engine's result; a throw becomes a failed result so it is recorded
   * like any failure, and what the engine had planned goes to repair.
   */
  private async runEngine(
    request: OperationRequest,
    startedAt: Date,
    logger: LoggerService,
    lease?: HeldLease,
  ): Promise<OperationResult> {
    const where = `${request.operation} ${request.cluster}/${request.namespace}`;
    try {
      return await this.callEngine(request, logger, lease?.journal);
    } catch (error) {
      logger.error(`${where} threw: ${describe(error)}`);
      await lease?.engineThrew(describe(error));
      const failed = failedResult(
        request,
        describe(error),
        startedAt,
        this.clock.now(),
      );
      return lease?.repairPending
        ? { ...failed, repair_pending: true }
        : failed;
    }
  }

  private async callEngine(
    request: OperationRequest,
    logger: LoggerService,
    journal?: OperationJournal,
  ): Promise<OperationResult> {
    const { cluster, namespace, dryRun, onProgress } = request;
    const seconds = request.waitForReadySeconds;
    return this.engine.run(cluster, namespace, request, {
      dryRun,
      onProgress,
      logger,
      journal,
      // Originals kept with the last sleep restore workloads whose annotation was lost.
      storedOriginals:
        request.operation === 'sleep'
          ? undefined
          : await this.lastSleepOriginals(request),
      waitForReadyMs: seconds ? seconds * 1000 : undefined,
    });
  }

  /**
   * Best effort: the annotations on the objects come first, so an activity
   * store that is down (DynamoDB during an outage) must not stop a wake.
   */
  private async lastSleepOriginals(
    request: OperationRequest,
  ): Promise<OriginalValue[]> {
    try {
      const { items } = await this.activities.list({
        cluster: request.cluster,
        namespace: request.namespace,
        operation: 'sleep',
        outcome: 'succeeded',
        limit: 1,
      });
      return items[0]?.result.originals ?? [];
    } catch (error) {
      this.logger.warn(
        `${request.cluster}/${
          request.namespace
        }: stored originals unavailable, waking from the annotations: ${describe(
          error,
        )}`,
      );
      return [];
    }
  }
}
