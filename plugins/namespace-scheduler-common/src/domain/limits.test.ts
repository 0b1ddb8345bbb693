import { isValidReplicaCount, MAX_SCALE_REPLICAS } from './limits';

describe('replica limits', () => {
  it('is one limit, 1000, for manual and scheduled scales alike', () => {
    expect(MAX_SCALE_REPLICAS).toBe(1000);
  });

  it('accepts whole numbers from 0 to the limit', () => {
    for (const ok of [0, 1, 100, 500, MAX_SCALE_REPLICAS]) {
      expect(isValidReplicaCount(ok)).toBe(true);
    }
    for (const bad of [
      -1,
      1.5,
      MAX_SCALE_REPLICAS + 1,
      Number.NaN,
      Infinity,
      '3',
      undefined,
    ]) {
      expect(isValidReplicaCount(bad)).toBe(false);
    }
  });
});
