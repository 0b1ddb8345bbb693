import fc from 'fast-check';
import { Interval, weeklyIntervals } from './intervals';
import { ScheduleEntry } from './namespaceRules';
import { findWindowConflict } from './overlap';
import { ScheduleTiming, WEEKDAYS, WeeklyTiming } from './types';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

const entry = (id: string, timing: ScheduleTiming): ScheduleEntry => ({
  ...timing,
  id,
  title: `title of ${id}`,
  status: 'active',
  created_at: '2026-11-01T00:00:00Z',
});

const office: ScheduleTiming = {
  kind: 'weekly',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '07:00',
  to: '20:00',
};

describe('window conflicts', () => {
  it('rejects a one-off window inside weekly office hours, naming the schedule', () => {
    const release: ScheduleTiming = {
      kind: 'window',
      zone: 'Europe/Madrid',
      start: '2026-11-24T18:00',
      end: '2026-11-24T23:00',
    };
    const conflict = findWindowConflict(
      release,
      [entry('office', office)],
      NOW,
    );
    expect(conflict?.schedule.id).toBe('office');
    expect(conflict?.at).toBe(Date.parse('2026-11-24T17:00:00Z'));
  });

  it('finds a clash of a one-off window years ahead with a weekly window', () => {
    const later: ScheduleTiming = {
      kind: 'window',
      zone: 'Europe/Madrid',
      start: '2030-01-02T19:00',
      end: '2030-01-02T23:00',
    };
    expect(findWindowConflict(later, [entry('office', office)], NOW)?.at).toBe(
      Date.parse('2030-01-02T18:00:00Z'),
    );
  });

  it('allows windows that leave a gap, and counts meeting windows as a conflict', () => {
    const evening = (start: string): ScheduleTiming => ({
      kind: 'window',
      zone: 'Europe/Madrid',
      start,
      end: '2026-11-24T23:00',
    });
    expect(
      findWindowConflict(
        evening('2026-11-24T20:01'),
        [entry('office', office)],
        NOW,
      ),
    ).toBeUndefined();
    expect(
      findWindowConflict(
        evening('2026-11-24T20:00'),
        [entry('office', office)],
        NOW,
      )?.schedule.id,
    ).toBe('office');
  });

  it('compares weekly windows in different zones', () => {
    const newYorkMornings: ScheduleTiming = {
      kind: 'weekly',
      zone: 'America/New_York',
      days: ['sat'],
      from: '06:00',
      to: '09:00',
    };
    // Saturday 06:00 New York is 12:00 Madrid: no clash with weekdays…
    expect(
      findWindowConflict(newYorkMornings, [entry('office', office)], NOW),
    ).toBeUndefined();
    // …but Friday 18:00 New York is Saturday 00:00 Madrid.
    const late = {
      ...newYorkMornings,
      days: ['fri' as const],
      from: '13:00',
      to: '14:30',
    };
    expect(
      findWindowConflict(late, [entry('office', office)], NOW)?.schedule.id,
    ).toBe('office');
  });

  it('ignores itself, cron tasks, overrides, completed windows and past windows', () => {
    const others = [
      { ...entry('office', office), status: 'completed' as const },
      entry('cron', {
        kind: 'cron',
        zone: 'UTC',
        cron: '0 * * * *',
        operation: 'wake',
      }),
      entry('override', { kind: 'override', zone: 'UTC', operation: 'wake' }),
      entry('past', {
        kind: 'window',
        zone: 'UTC',
        start: '2026-11-01T00:00Z',
        end: '2026-11-02T00:00Z',
      }),
      entry('self', office),
    ];
    expect(
      findWindowConflict({ ...office, id: 'self' }, others, NOW),
    ).toBeUndefined();
  });

  it('is symmetric, and agrees with sampling every 15 minutes in UTC (property)', () => {
    const weekly = (zone: fc.Arbitrary<string>) =>
      fc.record({
        kind: fc.constant('weekly' as const),
        zone,
        days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), {
          minLength: 1,
          maxLength: 3,
        }),
        from: fc.integer({ min: 0, max: 95 }).map(quarter),
        to: fc.integer({ min: 0, max: 95 }).map(quarter),
      });
    const conflicts = (a: WeeklyTiming, b: WeeklyTiming) =>
      findWindowConflict(a, [entry('b', b)], NOW) !== undefined;
    fc.assert(
      fc.property(
        weekly(fc.constantFrom('Europe/Madrid', 'America/New_York')),
        weekly(fc.constant('UTC')),
        (a, b) => {
          expect(conflicts(a, b)).toBe(conflicts(b, a));
        },
      ),
      { numRuns: 25 },
    );
    fc.assert(
      fc.property(
        weekly(fc.constant('UTC')),
        weekly(fc.constant('UTC')),
        (a, b) => {
          // UTC patterns repeat weekly: two weeks of samples see every clash.
          const horizon = NOW + 14 * DAY;
          const inA = weeklyIntervals(a, NOW, horizon);
          const inB = weeklyIntervals(b, NOW, horizon);
          const holds = (list: Interval[], t: number) =>
            list.some(i => i.start <= t && t <= i.end);
          let sampled = false;
          for (let t = NOW; t <= horizon - DAY && !sampled; t += 15 * 60_000) {
            sampled = holds(inA, t) && holds(inB, t);
          }
          expect(conflicts(a, b)).toBe(sampled);
        },
      ),
      { numRuns: 40 },
    );
  });
});

function quarter(index: number): string {
  const minutes = index * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(
    minutes % 60,
  ).padStart(2, '0')}`;
}
