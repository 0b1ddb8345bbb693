import { intentOf, replicasOf } from './intent';

describe('operation intents', () => {
  it('reads the replicas of a scale only', () => {
    expect(replicasOf({ operation: 'scale', replicas: 3 })).toBe(3);
    expect(replicasOf({ operation: 'wake' })).toBeUndefined();
  });

  it('rebuilds an intent from its parts, refusing a scale to nothing', () => {
    expect(intentOf({ operation: 'sleep', replicas: 4 })).toEqual({
      operation: 'sleep',
    });
    expect(intentOf({ operation: 'scale', replicas: 0 })).toEqual({
      operation: 'scale',
      replicas: 0,
    });
    expect(() => intentOf({ operation: 'scale' })).toThrow(/^replicas: /);
  });
});
