export { ActivityService } from './ActivityService';
export { KnexActivityStore } from './KnexActivityStore';
