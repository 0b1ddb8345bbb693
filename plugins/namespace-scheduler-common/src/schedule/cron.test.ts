import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { cronProblem, nextCronRun, previousCronRun } from './cron';
import { MINUTE_MS, toInstant, toWall } from './zonedTime';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 16);

function runs(cron: string, zone: string, fromIso: string, toIso: string) {
  const found: string[] = [];
  let at = nextCronRun({ cron, zone }, utc(fromIso));
  while (at !== undefined && at <= utc(toIso)) {
    found.push(iso(at)!);
    at = nextCronRun({ cron, zone }, at);
  }
  return found;
}

const ZONES = [
  'Europe/Madrid',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'Asia/Tehran',
  'Africa/Casablanca',
  'UTC',
];

describe('cron runs in the schedule’s zone', () => {
  it('runs a 02:30 task once on a spring-forward day, at the end of the gap', () => {
    expect(
      runs(
        '30 2 * * *',
        'Europe/Madrid',
        '2026-03-27T12:00',
        '2026-03-30T12:00',
      ),
    ).toEqual([
      '2026-03-28T01:30', // 02:30 CET
      '2026-03-29T01:00', // 02:30 does not exist: 03:00 CEST
      '2026-03-30T00:30', // 02:30 CEST
    ]);
  });

  it('runs a 02:30 task once on a fall-back day, at the first 02:30', () => {
    expect(
      runs(
        '30 2 * * *',
        'Europe/Madrid',
        '2026-10-24T12:00',
        '2026-10-26T12:00',
      ),
    ).toEqual([
      '2026-10-25T00:30', // 02:30 CEST; the second 02:30 (01:30Z) does not run
      '2026-10-26T01:30',
    ]);
  });

  it('runs every wall-clock minute once through a fall-back', () => {
    const hourly = runs(
      '0 * * * *',
      'Europe/Madrid',
      '2026-10-24T23:30',
      '2026-10-25T03:30',
    );
    // Local 02:00 happens twice; it runs at the first one only.
    expect(hourly).toEqual([
      '2026-10-25T00:00', // 02:00 CEST
      '2026-10-25T02:00', // 03:00 CET
      '2026-10-25T03:00',
    ]);
  });

  it('skips exception dates', () => {
    const spec = {
      cron: '0 7 * * *',
      zone: 'Europe/Madrid',
      except_dates: ['2026-12-25'],
    };
    expect(iso(nextCronRun(spec, utc('2026-12-24T12:00')))).toBe(
      '2026-12-26T06:00',
    );
    expect(iso(previousCronRun(spec, utc('2026-12-25T23:00')))).toBe(
      '2026-12-24T06:00',
    );
  });

  it('finds the latest run at or before an instant, also inside a repeated hour', () => {
    const spec = { cron: '30 2 * * *', zone: 'Europe/Madrid' };
    expect(iso(previousCronRun(spec, utc('2026-10-25T00:30')))).toBe(
      '2026-10-25T00:30',
    );
    // 02:10 CET, the second pass: 02:30 already ran in the first.
    expect(iso(previousCronRun(spec, utc('2026-10-25T01:10')))).toBe(
      '2026-10-25T00:30',
    );
    expect(iso(previousCronRun(spec, utc('2026-10-25T00:29')))).toBe(
      '2026-10-24T00:30',
    );
  });

  it('names what is wrong with an expression', () => {
    expect(cronProblem('0 7 * * 1-5')).toBeUndefined();
    expect(cronProblem('0 7 * * MON-THU')).toBeUndefined();
    expect(cronProblem('* * *')).toMatch(/five fields/);
    expect(cronProblem('0 0 7 * * *')).toMatch(/five fields/);
    expect(cronProblem('')).toMatch(/five fields/);
    expect(cronProblem('61 * * * *')).toMatch(/not valid.*0-59/);
    expect(cronProblem('H 7 * * *')).toMatch(/hashed/);
    expect(cronProblem('0 0 31 2 *')).toMatch(/not valid/);
  });
});

describe('cron properties', () => {
  const zone = fc.constantFrom(...ZONES);
  const instant2026 = fc.integer({
    min: utc('2026-01-01T00:00'),
    max: utc('2026-12-31T00:00'),
  });

  it('a daily task runs exactly once on every local day, whatever the zone', () => {
    fc.assert(
      fc.property(
        zone,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (z, hour, minute) => {
          const spec = { cron: `${minute} ${hour} * * *`, zone: z };
          const perDay = new Map<string, number>();
          let at = utc('2026-01-01T00:00');
          for (let i = 0; i < 366; i++) {
            at = nextCronRun(spec, at)!;
            const day = DateTime.fromMillis(at, { zone: z }).toISODate()!;
            perDay.set(day, (perDay.get(day) ?? 0) + 1);
          }
          const days = [...perDay.keys()].sort();
          for (
            let day = DateTime.fromISO(days[0]);
            day.toISODate()! < days[days.length - 1];
            day = day.plus({ days: 1 })
          ) {
            expect([day.toISODate(), perDay.get(day.toISODate()!)]).toEqual([
              day.toISODate(),
              1,
            ]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the next run is the first matching wall-clock minute after the instant', () => {
    const field = (max: number) =>
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min: 0, max }).map(String),
        fc.integer({ min: 2, max: 30 }).map(step => `*/${step}`),
        fc
          .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
          .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      );
    fc.assert(
      fc.property(
        zone,
        field(59),
        field(23),
        instant2026,
        (z, minute, hour, after) => {
          const cron = `${minute} ${hour} * * *`;
          const next = nextCronRun({ cron, zone: z }, after)!;
          expect(next).toBeGreaterThan(after);
          const matcher = CronExpressionParser.parse(cron, { tz: 'UTC' });
          const matches = (instant: number) =>
            matcher.includesDate(new Date(toWall(z, instant)));
          // No first-pass matching minute lies strictly between.
          for (
            let m = Math.floor(after / MINUTE_MS + 1) * MINUTE_MS;
            m < next;
            m += MINUTE_MS
          ) {
            const firstPass = toInstant(z, toWall(z, m)) === m;
            expect(firstPass && matches(m)).toBe(false);
          }
          // It matches, or is the end of a gap some matching wall time fell in.
          const gapEnd =
            toWall(z, next) - toWall(z, next - MINUTE_MS) > MINUTE_MS;
          expect(matches(next) || gapEnd).toBe(true);
          expect(previousCronRun({ cron, zone: z }, next)).toBe(next);
        },
      ),
      { numRuns: 60 },
    );
  });
});
