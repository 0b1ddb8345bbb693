import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import {
  Activity,
  OperationProgressEvent,
  OperationResult,
  OperationType,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';
import { ActivityEffect, ActivityStore } from '../activity';
import { emptyResult, NamespaceOperations } from '../engine';
import { Clock, systemClock } from '../time/Clock';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from './OperationListener';

/** One wake, sleep or scale, manual or scheduled. */
export interface OperationRequest {
  cluster: string;
  namespace: string;
  operation: OperationType;
  /** Required for `scale`: a non-negative integer. */
  replicas?: number;
  /** Plan only: nothing changes and no activity is recorded. */
  dryRun?: boolean;
  costCenter: string;
  /** The portal user's entity ref (from the credentials, never a body), or `scheduler`. */
  requestedBy: string;
  approvedBy?: string;
  /** The person behind it; defaults to `requestedBy`. For scheduled runs, the schedule's creator. */
  userId?: string;
  scheduleId?: string;
  onProgress?: (event: OperationProgressEvent) => void;
  /** Ties the operation's log lines to what caused it (an API request's x-request-id, a schedule run). */
  correlationId?: string;
}

export interface OperationOutcome {
  result: OperationResult;
  /** The recorded activity; absent for dry runs. */
  activity?: Activity;
}

/**
 * Decides whether an operation may happen at all; throw (e.g. NotAllowedError
 * or ConflictError) to refuse it. Cost-center and off-hours governance plug
 * in here. Refused operations change nothing and record nothing.
 */
export interface OperationGuard {
  assertAllowed(request: OperationRequest): Promise<void>;
}

export const allowAllOperations: OperationGuard = {
  assertAllowed: async () => {},
};

/** Asks each guard in turn; the first refusal wins. */
export function combineGuards(...guards: OperationGuard[]): OperationGuard {
  return {
    assertAllowed: async request => {
      for (const guard of guards) await guard.assertAllowed(request);
    },
  };
}

/** What an operation holds while it runs, settled with its result. */
export interface OperationReservation {
  /** Who authorized what was reserved (recorded as the activity's approved_by). */
  approvedBy?: string;
  settle(result: OperationResult): Promise<void>;
}

/**
 * Capacity an operation needs (the off-hours slots): `reserve` claims it
 * atomically before the engine runs (throw, e.g. ConflictError, to refuse),
 * and the reservation is settled with the engine's result. Not asked for dry
 * runs or by `check`.
 */
export interface OperationCapacity {
  reserve(request: OperationRequest): Promise<OperationReservation>;
}

/**
 * The single entry point for every wake, sleep and scale: asks the guard,
 * runs the engine, and records one activity per operation that is not a dry
 * run — also when the engine fails or throws (seed 000 property 5).
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
  }): OperationService {
    return new OperationService(
      options.engine,
      options.activities,
      options.logger,
      options.guard ?? allowAllOperations,
      options.capacity,
      options.clock ?? systemClock,
      options.listeners ?? [],
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
  ) {}

  /** Throws as `execute` would refuse the request: bad replicas, or the guard says no. */
  async check(request: OperationRequest): Promise<void> {
    assertReplicas(request);
    await this.guard.assertAllowed(request);
  }

  async execute(request: OperationRequest): Promise<OperationOutcome> {
    await this.check(request);
    const reservation = request.dryRun
      ? undefined
      : await this.capacity?.reserve(request);
    const startedAt = this.clock.now();
    const operationId = randomUUID();
    // Every line of this operation, the engine's included, carries both ids.
    const logger = this.logger.child({
      operationId,
      correlationId: request.correlationId ?? operationId,
    });
    const result = await this.runEngine(request, startedAt, logger);
    if (reservation) await this.settle(reservation, request, result);
    if (request.dryRun) return { result };
    const activity = await this.activities.record(
      {
        cluster: request.cluster,
        namespace: request.namespace,
        operation: request.operation,
        replicas: request.replicas,
        costCenter: request.costCenter,
        requestedBy: request.requestedBy,
        approvedBy: request.approvedBy ?? reservation?.approvedBy,
        userId: request.userId ?? request.requestedBy,
        scheduleId: request.scheduleId,
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

  /** The engine's result; a throw becomes a failed result so it is recorded like any failure. */
  private async runEngine(
    request: OperationRequest,
    startedAt: Date,
    logger: LoggerService,
  ): Promise<OperationResult> {
    const where = `${request.operation} ${request.cluster}/${request.namespace}`;
    try {
      return await this.callEngine(request, logger);
    } catch (error) {
      logger.error(`${where} threw: ${describe(error)}`);
      return failedResult(
        request,
        describe(error),
        startedAt,
        this.clock.now(),
      );
    }
  }

  private async callEngine(
    request: OperationRequest,
    logger: LoggerService,
  ): Promise<OperationResult> {
    const { cluster, namespace, dryRun, onProgress } = request;
    if (request.operation === 'sleep') {
      return this.engine.sleep(cluster, namespace, {
        dryRun,
        onProgress,
        logger,
      });
    }
    // Originals kept with the last sleep restore workloads whose annotation was lost.
    const storedOriginals = await this.lastSleepOriginals(request);
    const options = { dryRun, onProgress, storedOriginals, logger };
    return request.operation === 'wake'
      ? this.engine.wake(cluster, namespace, options)
      : this.engine.scale(cluster, namespace, request.replicas ?? 0, options);
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
        `${request.cluster}/${request.namespace}: stored originals unavailable, waking from the annotations: ${describe(error)}`,
      );
      return [];
    }
  }
}

/**
 * Charging: a successful wake or scale up opens the namespace's record, a
 * successful sleep or scale to 0 closes it, a failure changes nothing.
 */
function effectOf(
  request: OperationRequest,
  result: OperationResult,
): ActivityEffect {
  if (!result.success) return 'none';
  if (request.operation === 'scale')
    return (request.replicas ?? 0) > 0 ? 'open' : 'close';
  return request.operation === 'wake' ? 'open' : 'close';
}

function assertReplicas(request: OperationRequest) {
  if (request.operation !== 'scale') return;
  const { replicas } = request;
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw new InputError('replicas: scale needs a non-negative integer');
  }
}

/** A result for an engine that threw: nothing known to be done. */
function failedResult(
  request: OperationRequest,
  error: string,
  startedAt: Date,
  finishedAt: Date,
): OperationResult {
  const base = {
    ...request,
    dryRun: request.dryRun ?? false,
    startedAt,
    targetReplicas: request.replicas,
  };
  return {
    ...emptyResult(base, [error]),
    finished_at: finishedAt.toISOString(),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
