export { AutoscalerGuard } from './AutoscalerGuard';
