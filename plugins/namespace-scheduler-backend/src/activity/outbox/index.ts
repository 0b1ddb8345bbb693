export { KnexActivityOutbox, type OutboxEntry } from './KnexActivityOutbox';
export { QueueingActivityStore } from './QueueingActivityStore';
