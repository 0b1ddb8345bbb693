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
  if (intent.operation === 'sleep') {
    return 'down';
  }
  if (intent.operation === 'scale' && intent.replicas === 0) {
    return 'down';
  }
  return 'up';
}

export function refKey(kind: string, name: string): string {
  return `${kind}/${name}`;
}
