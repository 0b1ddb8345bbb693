/**
 * Limits both sides enforce: the backend's OpenAPI spec (checked against
 * these in its tests), the schedule validation and the frontend's forms, so a
 * form never accepts what the server refuses.
 */

/**
 * Highest replica count of a scale, manual or scheduled alike (OpenAPI
 * ScaleRequest.replicas and ScheduleInput.replicas).
 *
 * @public
 */
export const MAX_SCALE_REPLICAS = 1000;

/**
 * Longest cost-center name (OpenAPI OperationRequest, ScheduleInput).
 *
 * @public
 */
export const MAX_COST_CENTER_LENGTH = 100;

/**
 * Whether `replicas` is a replica count a scale may ask for: a whole number from 0 to {@link MAX_SCALE_REPLICAS}.
 *
 * @public
 */
export function isValidReplicaCount(replicas: unknown): replicas is number {
  return (
    typeof replicas === 'number' &&
    Number.isInteger(replicas) &&
    replicas >= 0 &&
    replicas <= MAX_SCALE_REPLICAS
  );
}
