/**
 * Limits both sides enforce: the backend's OpenAPI spec (checked against
 * these in its tests) and the frontend's forms, so a form never accepts what
 * the server refuses.
 */

/** Highest replica count of a manual scale (OpenAPI ScaleRequest.replicas). */
export const MAX_MANUAL_SCALE_REPLICAS = 1000;

/** Longest cost-center name (OpenAPI OperationRequest, ScheduleInput). */
export const MAX_COST_CENTER_LENGTH = 100;
