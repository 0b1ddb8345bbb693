import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this backend instance in the lease table: host, process and a random suffix. */
export function instanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
