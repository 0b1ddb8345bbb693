import { putsToSleep } from '@namespace-scheduler/backstage-plugin-common';

/** What an operation asks of every workload. */
export type Intent =
  | { operation: 'sleep' }
  | { operation: 'wake'; storedOriginals: ReadonlyMap<string, number> }
  | {
      operation: 'scale';
      replicas: number;
      storedOriginals: ReadonlyMap<string, number>;
    };

/** `down` stops workloads (sleep, scale to 0); `up` starts them. */
export type Direction = 'down' | 'up';

export function directionOf(intent: Intent): Direction {
  return putsToSleep(intent) ? 'down' : 'up';
}

export function refKey(kind: string, name: string): string {
  return `${kind}/${name}`;
}
