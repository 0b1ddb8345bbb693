import { InputError } from '@backstage/errors';
import {
  isValidReplicaCount,
  keepsAwake,
  MAX_SCALE_REPLICAS,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { emptyResult } from '../engine';
import type { OperationRequest } from './types';
import { ActivityEffect } from '@namespace-scheduler/backstage-plugin-node';

/**
 * Charging: a successful wake or scale up opens the namespace's record, a
 * successful sleep or scale to 0 closes it, a failure changes nothing.
 */
export function effectOf(
  request: OperationRequest,
  result: OperationResult,
): ActivityEffect {
  if (!result.success) return 'none';
  return keepsAwake(request) ? 'open' : 'close';
}

export function assertReplicas(request: OperationRequest) {
  if (request.operation !== 'scale') return;
  if (!isValidReplicaCount(request.replicas)) {
    throw new InputError(
      `replicas: scale needs a whole number from 0 to ${MAX_SCALE_REPLICAS}`,
    );
  }
}

/** A result for an engine that threw: nothing known to be done. */
export function failedResult(
  request: OperationRequest,
  error: string,
  startedAt: Date,
  finishedAt: Date,
): OperationResult {
  const base = {
    ...request,
    dryRun: request.dryRun ?? false,
    startedAt,
    targetReplicas:
      request.operation === 'scale' ? request.replicas : undefined,
  };
  return {
    ...emptyResult(base, [error]),
    finished_at: finishedAt.toISOString(),
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
