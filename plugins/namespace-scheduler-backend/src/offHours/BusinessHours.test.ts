import { ConfigReader } from '@backstage/config';
import fc from 'fast-check';
import { BusinessHours } from './BusinessHours';
import { DEFAULT_BUSINESS_HOURS, readOffHoursConfig } from './config';

const at = (iso: string) => Date.parse(iso);
const madrid = BusinessHours.create(DEFAULT_BUSINESS_HOURS);

describe('BusinessHours', () => {
  it('defaults to Monday to Friday, 07:00 to 20:00 in Madrid', () => {
    // Monday 2026-11-23; Madrid is UTC+1 in November.
    expect(madrid.offHoursAt(at('2026-11-23T10:00:00Z'))).toBeUndefined();
    expect(madrid.offHoursAt(at('2026-11-23T18:59:59Z'))).toBeUndefined();
    expect(madrid.offHoursAt(at('2026-11-23T19:00:00Z'))).toEqual({
      start: at('2026-11-23T19:00:00Z'),
      end: at('2026-11-24T06:00:00Z'),
    });
    // The weekend is one period, Friday 20:00 to Monday 07:00.
    expect(madrid.offHoursAt(at('2026-11-28T12:00:00Z'))).toEqual({
      start: at('2026-11-27T19:00:00Z'),
      end: at('2026-11-30T06:00:00Z'),
    });
    expect(madrid.describe()).toBe(
      'mon,tue,wed,thu,fri 07:00–20:00 Europe/Madrid',
    );
    expect(madrid.format(at('2026-11-23T19:00:00Z'))).toBe(
      '2026-11-23T20:00:00.000+01:00',
    );
  });

  it('follows the zone across a DST change', () => {
    // Clocks go forward on Sunday 2026-03-29: Friday 20:00 CET to Monday 07:00 CEST.
    expect(madrid.offHoursAt(at('2026-03-28T12:00:00Z'))).toEqual({
      start: at('2026-03-27T19:00:00Z'),
      end: at('2026-03-30T05:00:00Z'),
    });
  });

  it('lists the off-hours within a range, and the current or next period', () => {
    expect(
      madrid.offHoursBetween(
        at('2026-11-23T00:00:00Z'),
        at('2026-11-24T00:00:00Z'),
      ),
    ).toEqual([
      { start: at('2026-11-23T00:00:00Z'), end: at('2026-11-23T06:00:00Z') },
      { start: at('2026-11-23T19:00:00Z'), end: at('2026-11-24T00:00:00Z') },
    ]);
    expect(madrid.currentOrNextOffHours(at('2026-11-23T10:00:00Z'))).toEqual({
      start: at('2026-11-23T19:00:00Z'),
      end: at('2026-11-24T06:00:00Z'),
    });
  });

  it('has no off-hours when business hours never end, and only off-hours without business days', () => {
    const always = BusinessHours.create({
      ...DEFAULT_BUSINESS_HOURS,
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '00:00',
      end: '24:00',
    });
    expect(always.offHoursAt(at('2026-11-29T03:00:00Z'))).toBeUndefined();
    expect(
      always.currentOrNextOffHours(at('2026-11-29T03:00:00Z')),
    ).toBeUndefined();
    const never = BusinessHours.create({ ...DEFAULT_BUSINESS_HOURS, days: [] });
    expect(never.offHoursAt(at('2026-11-23T10:00:00Z'))).toEqual({
      start: 0,
      end: Infinity,
    });
  });

  it('runs overnight when the end is before the start', () => {
    const nights = BusinessHours.create({
      days: ['mon'],
      start: '22:00',
      end: '06:00',
      time_zone: 'UTC',
    });
    expect(nights.offHoursAt(at('2026-11-24T03:00:00Z'))).toBeUndefined();
    expect(nights.offHoursAt(at('2026-11-24T07:00:00Z'))?.start).toBe(
      at('2026-11-24T06:00:00Z'),
    );
  });
});

describe('BusinessHours memoized intervals', () => {
  it('answers like a fresh instance for instants in any order, across DST changes', () => {
    const reused = BusinessHours.create(DEFAULT_BUSINESS_HOURS);
    const instant = fc.integer({
      min: at('2026-01-01T00:00:00Z'),
      max: at('2028-12-31T00:00:00Z'),
    });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), ats => {
        for (const t of ats) {
          const fresh = BusinessHours.create(DEFAULT_BUSINESS_HOURS);
          expect(reused.offHoursAt(t)).toEqual(fresh.offHoursAt(t));
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('readOffHoursConfig', () => {
  const read = (offHours: object) =>
    readOffHoursConfig(new ConfigReader({ namespaceScheduler: { offHours } }));

  it('defaults to 5 namespaces across all clusters', () => {
    expect(readOffHoursConfig(new ConfigReader({}))).toEqual({
      limit: 5,
      scope: 'global',
      businessHours: DEFAULT_BUSINESS_HOURS,
    });
    expect(
      read({
        limit: 2,
        scope: 'cluster',
        businessHours: { days: ['sat'], timeZone: 'utc' },
      }),
    ).toMatchObject({
      limit: 2,
      scope: 'cluster',
      businessHours: {
        days: ['sat'],
        start: '07:00',
        end: '20:00',
        time_zone: 'UTC',
      },
    });
  });

  it.each([
    [
      { limit: -1 },
      'namespaceScheduler.offHours.limit: must be a non-negative integer, not -1',
    ],
    [
      { scope: 'region' },
      'namespaceScheduler.offHours.scope: must be "global" or "cluster", not "region"',
    ],
    [
      { businessHours: { days: ['mon', 'funday'] } },
      'namespaceScheduler.offHours.businessHours.days[1]: "funday" is not one of',
    ],
    [
      { businessHours: { start: '7:00' } },
      'namespaceScheduler.offHours.businessHours.start: must be HH:mm, not "7:00"',
    ],
    [
      { businessHours: { end: '25:00' } },
      'namespaceScheduler.offHours.businessHours.end: must be HH:mm or 24:00',
    ],
    [
      { businessHours: { timeZone: 'Mars/Olympus' } },
      'namespaceScheduler.offHours.businessHours.timeZone: unknown time zone "Mars/Olympus"',
    ],
    [
      { limit: 1.5 },
      'namespaceScheduler.offHours.limit: must be a non-negative integer, not 1.5',
    ],
  ])('refuses %j naming the key', (offHours, message) => {
    expect(() => read(offHours)).toThrow(message);
  });
});
