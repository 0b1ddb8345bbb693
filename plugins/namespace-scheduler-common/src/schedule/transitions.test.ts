import fc from 'fast-check';
import {
  nextTransition,
  previousTransition,
  transitionsBetween,
} from './transitions';
import { ScheduleTiming, WeeklyTiming } from './types';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const show = (spec: ScheduleTiming, fromIso: string, toIso: string) =>
  transitionsBetween(spec, utc(fromIso), utc(toIso)).map(
    t => `${t.operation} ${new Date(t.at).toISOString().slice(0, 16)}`,
  );

const weekly = (overrides: Partial<WeeklyTiming>): WeeklyTiming => ({
  kind: 'weekly',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  from: '07:00',
  to: '20:00',
  ...overrides,
});

describe('weekly windows', () => {
  it('a week across a fall-back produces exactly the expected transitions', () => {
    // Madrid leaves summer time on Sunday 2026-10-25.
    expect(show(weekly({}), '2026-10-18T22:00', '2026-10-25T23:00')).toEqual([
      'wake 2026-10-19T05:00',
      'sleep 2026-10-19T18:00',
      'wake 2026-10-20T05:00',
      'sleep 2026-10-20T18:00',
      'wake 2026-10-21T05:00',
      'sleep 2026-10-21T18:00',
      'wake 2026-10-22T05:00',
      'sleep 2026-10-22T18:00',
      'wake 2026-10-23T05:00',
      'sleep 2026-10-23T18:00',
      'wake 2026-10-24T05:00',
      'sleep 2026-10-24T18:00',
      'wake 2026-10-25T06:00', // 07:00 CET
      'sleep 2026-10-25T19:00',
    ]);
  });

  it('Mon–Fri office hours skip the weekend and follow the spring-forward', () => {
    const office = weekly({ days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(show(office, '2026-03-27T00:00', '2026-03-31T00:00')).toEqual([
      'wake 2026-03-27T06:00', // Friday, CET
      'sleep 2026-03-27T19:00',
      'wake 2026-03-30T05:00', // Monday, CEST
      'sleep 2026-03-30T18:00',
    ]);
  });

  it('overnight windows end the next morning, also across a DST gap', () => {
    const nights = weekly({ days: ['sat', 'sun'], from: '22:00', to: '02:30' });
    expect(show(nights, '2026-03-28T00:00', '2026-03-31T00:00')).toEqual([
      'wake 2026-03-28T21:00', // Saturday 22:00 CET
      'sleep 2026-03-29T01:00', // Sunday 02:30 does not exist: 03:00 CEST
      'wake 2026-03-29T20:00', // Sunday 22:00 CEST
      'sleep 2026-03-30T00:30', // Monday 02:30 CEST
    ]);
  });

  it('a window wholly inside a skipped hour does not occur that day', () => {
    const gap = weekly({ from: '02:00', to: '02:45' });
    expect(show(gap, '2026-03-28T12:00', '2026-03-30T12:00')).toEqual([
      'wake 2026-03-30T00:00',
      'sleep 2026-03-30T00:45',
    ]);
  });

  it('full-day occurrences on consecutive days merge into one stretch', () => {
    // from = to: 24 hours from Monday 08:00 and from Tuesday 08:00.
    const pattern = weekly({
      days: ['mon', 'tue'],
      from: '08:00',
      to: '08:00',
    });
    expect(show(pattern, '2026-11-22T00:00', '2026-11-26T00:00')).toEqual([
      'wake 2026-11-23T07:00',
      'sleep 2026-11-25T07:00',
    ]);
  });

  it('exception dates remove the occurrences that start on them', () => {
    const office = weekly({
      days: ['thu', 'fri'],
      except_dates: ['2026-12-24'],
    });
    expect(show(office, '2026-12-23T00:00', '2026-12-26T00:00')).toEqual([
      'wake 2026-12-25T06:00',
      'sleep 2026-12-25T19:00',
    ]);
  });

  it('knows the latest transition: the state asked for at an instant', () => {
    const office = weekly({ days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(previousTransition(office, utc('2026-11-23T10:00'))).toEqual({
      at: utc('2026-11-23T06:00'),
      operation: 'wake',
    });
    expect(previousTransition(office, utc('2026-11-22T10:00'))).toEqual({
      at: utc('2026-11-20T19:00'),
      operation: 'sleep',
    });
  });

  it('alternates wake and sleep, strictly later each time (property)', () => {
    const days = fc.uniqueArray(
      fc.constantFrom(
        ...(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const),
      ),
      { minLength: 1 },
    );
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(
        ([h, m]) =>
          `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
      );
    const zone = fc.constantFrom(
      'Europe/Madrid',
      'America/New_York',
      'Australia/Lord_Howe',
      'UTC',
    );
    const start = fc.integer({
      min: utc('2026-01-01T00:00'),
      max: utc('2026-12-01T00:00'),
    });
    fc.assert(
      fc.property(days, time, time, zone, start, (d, from, to, z, after) => {
        fc.pre(from !== to);
        const spec = weekly({ days: d, from, to, zone: z });
        const found = transitionsBetween(spec, after, after + 21 * 86_400_000);
        for (let i = 1; i < found.length; i++) {
          expect(found[i].at).toBeGreaterThan(found[i - 1].at);
          expect(found[i].operation).not.toBe(found[i - 1].operation);
        }
        expect(nextTransition(spec, after)).toEqual(found[0]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('one-off windows and overrides', () => {
  it('a window wakes at its start and sleeps at its end', () => {
    const window: ScheduleTiming = {
      kind: 'window',
      zone: 'Europe/Madrid',
      start: '2026-11-28T09:00',
      end: '2026-11-28T17:30',
    };
    expect(show(window, '2026-11-01T00:00', '2026-12-01T00:00')).toEqual([
      'wake 2026-11-28T08:00',
      'sleep 2026-11-28T16:30',
    ]);
    expect(show(window, '2026-11-28T12:00', '2026-12-01T00:00')).toEqual([
      'sleep 2026-11-28T16:30',
    ]);
    expect(nextTransition(window, utc('2026-11-28T16:30'))).toBeUndefined();
  });

  it('an override is released at `until` with the opposite as fallback', () => {
    const held: ScheduleTiming = {
      kind: 'override',
      zone: 'UTC',
      operation: 'wake',
      until: '2026-11-22T22:00:00Z',
    };
    expect(nextTransition(held, utc('2026-11-22T10:00'))).toEqual({
      at: utc('2026-11-22T22:00'),
      operation: 'sleep',
      release: true,
    });
    expect(
      nextTransition({ kind: 'override', zone: 'UTC', operation: 'sleep' }, 0),
    ).toBeUndefined();
  });

  it('cron tasks carry their operation and replicas', () => {
    const scale: ScheduleTiming = {
      kind: 'cron',
      zone: 'UTC',
      cron: '0 12 * * *',
      operation: 'scale',
      replicas: 3,
    };
    expect(nextTransition(scale, utc('2026-11-22T00:00'))).toEqual({
      at: utc('2026-11-22T12:00'),
      operation: 'scale',
      replicas: 3,
    });
  });
});
