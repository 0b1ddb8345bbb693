export { KnexActivityOutbox, type OutboxEntry } from './KnexActivityOutbox';
export { QueueingActivityStore } from './QueueingActivityStore';
export type { ReplayableActivityStore } from './ReplayableActivityStore';
