import {
  intentOf,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import type { OperationContext, OperationRequest } from '../operations';

/** A request as tests write it: flat, `operation` and `replicas` beside the rest. */
export type RequestParts = OperationContext & {
  operation: OperationType;
  replicas?: number;
};

/** The request with its intent rebuilt from `operation` and `replicas`. */
export function requestFrom({
  operation,
  replicas,
  ...context
}: RequestParts): OperationRequest {
  return { ...context, ...intentOf({ operation, replicas }) };
}
