export {
  CostEstimateService,
  type CostEstimateQuery,
} from './CostEstimateService';
