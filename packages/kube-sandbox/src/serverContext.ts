import type { Cluster } from './cluster';
import type { FaultInjector } from './faults';
import type { RequestStats } from './stats';
import type { Timers } from './timers';

/** What the request handlers of one sandbox server share. */
export interface ServerContext {
  cluster: Cluster;
  faults: FaultInjector;
  stats: RequestStats;
  timers: Timers;
  token?: string;
  adminApi: boolean;
  serverAddress(): string;
}
