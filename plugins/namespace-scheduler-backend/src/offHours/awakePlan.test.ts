import { firstBreach, intersect, NamespacePlan, peaks } from './awakePlan';

const at = (iso: string) => Date.parse(iso);

describe('firstBreach and peaks', () => {
  const plan = (
    key: string,
    intervals: Array<[string, string]>,
    scope = 'global',
  ): NamespacePlan => ({
    key,
    scope,
    intervals: intervals.map(([start, end]) => ({
      start: at(start),
      end: at(end),
    })),
  });
  const a = plan('c/a', [['2026-11-23T20:00:00Z', '2026-11-23T22:00:00Z']]);
  const b = plan('c/b', [['2026-11-23T21:00:00Z', '2026-11-23T23:00:00Z']]);
  const c = plan('c/c', [['2026-11-23T21:30:00Z', '2026-11-23T21:45:00Z']]);

  it('finds the first instant more namespaces of a scope are awake than the limit', () => {
    expect(firstBreach([a, b, c], 2)).toEqual({
      at: at('2026-11-23T21:30:00Z'),
      scope: 'global',
      namespaces: ['c/a', 'c/b', 'c/c'],
    });
    expect(firstBreach([a, b, c], 3)).toBeUndefined();
    expect(peaks([a, b, c])).toEqual({ global: 3 });
  });

  it('counts half-open intervals, scopes apart, and only breaches including a given namespace', () => {
    const touching = plan('c/d', [
      ['2026-11-23T22:00:00Z', '2026-11-23T23:00:00Z'],
    ]);
    expect(firstBreach([a, touching], 1)).toBeUndefined();
    const elsewhere = { ...c, scope: 'cluster:other' };
    expect(firstBreach([a, b, elsewhere], 2)).toBeUndefined();
    const late = plan('c/e', [
      ['2026-11-23T22:30:00Z', '2026-11-23T22:40:00Z'],
    ]);
    expect(firstBreach([a, b, c, late], 1, 'c/e')).toMatchObject({
      at: at('2026-11-23T22:30:00Z'),
      namespaces: ['c/b', 'c/e'],
    });
  });

  it('intersects interval lists', () => {
    expect(intersect(a.intervals, b.intervals)).toEqual([
      { start: at('2026-11-23T21:00:00Z'), end: at('2026-11-23T22:00:00Z') },
    ]);
  });
});
