export type { DependencyStatus, ReadinessReport } from './ReadinessCheck';
export {
  DEFAULT_READINESS_TIMEOUT_MS,
  ReadinessService,
} from './ReadinessService';
export { createReadiness } from './create';
