import type { OperationIntent, OperationType } from '../types';

/**
 * The replicas a scale asks for; undefined for a sleep or a wake.
 *
 * @public
 */
export function replicasOf(intent: OperationIntent): number | undefined {
  return intent.operation === 'scale' ? intent.replicas : undefined;
}

/**
 * The intent of an operation kept as its parts (a schedule's transition, an
 * activity record). A scale without replicas is refused: it asks for nothing.
 *
 * @public
 */
export function intentOf(parts: {
  operation: OperationType;
  replicas?: number;
}): OperationIntent {
  if (parts.operation !== 'scale') return { operation: parts.operation };
  if (parts.replicas === undefined) {
    throw new Error('replicas: a scale needs the replicas to scale to');
  }
  return { operation: 'scale', replicas: parts.replicas };
}
