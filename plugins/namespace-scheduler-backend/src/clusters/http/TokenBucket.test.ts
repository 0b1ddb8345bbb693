import { TokenBucket } from './TokenBucket';

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate, in order', () => {
    let now = 0;
    const bucket = TokenBucket.create({
      perSecond: 10,
      burst: 3,
      now: () => now,
    });
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([
      0, 0, 0,
    ]);
    expect(bucket.reserve()).toBeCloseTo(100);
    expect(bucket.reserve()).toBeCloseTo(200);
    now = 1000;
    // 1 s earns 10 tokens, capped at the burst, minus the two reserved ahead.
    expect(bucket.reserve()).toBe(0);
  });

  it('never waits when the rate is 0 (disabled)', () => {
    const bucket = TokenBucket.create({ perSecond: 0, burst: 1 });
    expect(Array.from({ length: 5 }, () => bucket.reserve())).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });
});
