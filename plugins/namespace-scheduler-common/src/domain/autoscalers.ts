import type { AutoscalerBounds } from '../types';
import { MAX_SCALE_REPLICAS } from './limits';

/**
 * The replica counts from `min` to `max` (both included) a scale may ask for
 * besides 0 (a sleep); `min > max` when the autoscalers' bounds do not overlap.
 *
 * @public
 */
export type ScaleRange = { min: number; max: number };

/**
 * What a scale may ask for with these autoscalers: from the highest
 * minReplicas (at least 1) to the lowest maxReplicas (at most
 * {@link MAX_SCALE_REPLICAS}), or 0.
 *
 * @public
 */
export function scaleRangeOf(
  autoscalers: readonly AutoscalerBounds[],
): ScaleRange {
  return {
    min: Math.max(1, ...autoscalers.map(a => a.minReplicas)),
    max: Math.min(MAX_SCALE_REPLICAS, ...autoscalers.map(a => a.maxReplicas)),
  };
}

/**
 * Why a scale to `replicas` would contradict an autoscaler of the namespace
 * (the HPA would undo it), naming the HPA, its bound and its target; undefined
 * when every HPA allows it. 0 is a sleep, which lowers the HPAs itself.
 *
 * @public
 */
export function autoscalerProblem(
  autoscalers: readonly AutoscalerBounds[],
  replicas: number,
): string | undefined {
  if (replicas === 0) return undefined;
  const below = autoscalers.find(a => replicas < a.minReplicas);
  const above = autoscalers.find(a => replicas > a.maxReplicas);
  const hpa = below ?? above;
  if (!hpa) return undefined;
  const bound = below
    ? `below minReplicas ${hpa.minReplicas}`
    : `above maxReplicas ${hpa.maxReplicas}`;
  const undo = below ? 'scale it back up' : 'scale it back down';
  return `${replicas} is ${bound} of HorizontalPodAutoscaler ${
    hpa.name
  }, which would ${undo} (it scales ${hpa.target.kind} ${
    hpa.target.name
  }) — ${allowedTargets(autoscalers)}`;
}

/**
 * The targets a scale may ask for, as a hint for a form or an error.
 *
 * @public
 */
export function allowedTargets(
  autoscalers: readonly AutoscalerBounds[],
): string {
  const { min, max } = scaleRangeOf(autoscalers);
  if (min > max) {
    return "only 0 (a sleep) is possible: the autoscalers' bounds do not overlap";
  }
  return min === max
    ? `choose ${min}, or 0 to sleep`
    : `choose from ${min} to ${max}, or 0 to sleep`;
}
