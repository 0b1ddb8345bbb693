export { awakeIntervals, scheduledAwakeAt, union } from './awakeIntervals';
export { boundaryDecision, type BoundaryDecision } from './boundary';
export {
  forecast,
  type Forecast,
  type ForecastInput,
  type ForecastSegment,
} from './forecast';
export { businessHoursTiming, gapsBetween, offHoursBetween } from './offHours';
