export * from './ActivityStore';
export { ActivityService } from './ActivityService';
export { KnexActivityStore } from './KnexActivityStore';
