import { ScheduleEntry } from '../schedule/namespaceRules';
import { ScheduleTiming } from '../schedule/types';
import { BusinessHoursSpec } from '../types/governance';
import { boundaryDecision } from './boundary';
import { forecast, ForecastInput } from './forecast';
import { offHoursBetween } from './offHours';

const at = (iso: string) => Date.parse(iso);

const entry = (
  id: string,
  timing: ScheduleTiming,
  createdAt = '2026-11-01T00:00:00Z',
): ScheduleEntry => ({
  ...timing,
  id,
  title: id,
  status: 'active',
  created_at: createdAt,
});

const business: BusinessHoursSpec = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '07:00',
  end: '20:00',
  time_zone: 'Europe/Madrid',
};
const offHours = { business_hours: business, limit: 5 };
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const weekly = (id: string, from: string, to: string) =>
  entry(id, {
    kind: 'weekly',
    zone: 'Europe/Madrid',
    days: [...weekdays],
    from,
    to,
  });

/** `[ISO instant in UTC, operation, source]` of each transition. */
const brief = (input: ForecastInput) =>
  forecast(input).transitions.map(t => [
    new Date(Date.parse(t.at)).toISOString(),
    t.operation,
    t.source,
  ]);

// Monday 23 November 2026, 10:00 in Madrid (09:00 UTC).
const MONDAY = at('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

describe('forecast', () => {
  it('puts an awake namespace nothing keeps awake to sleep at the start of off-hours, and says why', () => {
    const result = forecast({
      schedules: [],
      state: 'awake',
      from: MONDAY,
      to: MONDAY + 2 * DAY,
      offHours,
    });
    expect(result.transitions).toEqual([
      {
        at: '2026-11-23T20:00:00.000+01:00',
        operation: 'sleep',
        title: 'Off-hours limit',
        source: 'off-hours-boundary',
        reason: 'off-hours start: no off-hours slot',
      },
    ]);
    expect(result.segments).toEqual([
      {
        start: MONDAY,
        end: at('2026-11-23T19:00:00Z'),
        awake: true,
        reason: 'awake now',
      },
      {
        start: at('2026-11-23T19:00:00Z'),
        end: MONDAY + 2 * DAY,
        awake: false,
        reason: 'off-hours start: no off-hours slot',
      },
    ]);
  });

  it('predicts no boundary sleep without an off-hours limit, nor for a namespace already asleep', () => {
    const input = { schedules: [], from: MONDAY, to: MONDAY + DAY };
    expect(forecast({ ...input, state: 'awake' }).transitions).toEqual([]);
    expect(
      forecast({ ...input, state: 'asleep', offHours }).transitions,
    ).toEqual([]);
  });

  it('lets a schedule ending at 20:00 sleep the namespace itself', () => {
    expect(
      brief({
        schedules: [weekly('office', '07:00', '20:00')],
        state: 'awake',
        from: MONDAY,
        to: MONDAY + DAY,
        offHours,
      }),
    ).toEqual([
      ['2026-11-23T19:00:00.000Z', 'sleep', 'schedule'],
      ['2026-11-24T06:00:00.000Z', 'wake', 'schedule'],
    ]);
  });

  it('keeps a namespace its schedule holds awake across the boundary, naming the slot it takes', () => {
    const result = forecast({
      schedules: [weekly('late', '18:00', '23:00')],
      state: 'awake',
      from: MONDAY,
      to: MONDAY + DAY,
      offHours,
    });
    expect(result.transitions.map(t => [t.at, t.operation, t.reason])).toEqual([
      ['2026-11-23T18:00:00.000+01:00', 'wake', 'weekly schedule "late"'],
      ['2026-11-23T23:00:00.000+01:00', 'sleep', 'weekly schedule "late"'],
    ]);
    expect(
      result.segments.map(s => [
        new Date(s.start).toISOString(),
        s.awake,
        s.reason,
      ]),
    ).toEqual([
      ['2026-11-23T09:00:00.000Z', true, 'awake now'],
      [
        '2026-11-23T19:00:00.000Z',
        true,
        'kept awake: schedule "late" keeps it awake and takes a slot if one of 5 is free',
      ],
      ['2026-11-23T22:00:00.000Z', false, 'weekly schedule "late"'],
    ]);
  });

  it('keeps a namespace held awake by a "wake until", then lets the release sleep it', () => {
    const hold = entry(
      'until 22:00',
      {
        kind: 'override',
        zone: 'Europe/Madrid',
        operation: 'wake',
        until: '2026-11-23T22:00',
      },
      '2026-11-23T08:00:00Z',
    );
    const result = forecast({
      schedules: [hold],
      state: 'awake',
      from: MONDAY,
      to: MONDAY + DAY,
      offHours,
    });
    expect(
      result.transitions.map(t => [t.at, t.operation, t.source, t.reason]),
    ).toEqual([
      [
        '2026-11-23T22:00:00.000+01:00',
        'sleep',
        'override',
        'override "until 22:00" ends',
      ],
    ]);
    expect(result.segments[0].reason).toBe(
      'held awake by override "until 22:00"',
    );
  });

  it('lists the transitions an override holds back without acting on them', () => {
    const asleep = entry(
      'asleep',
      { kind: 'override', zone: 'Europe/Madrid', operation: 'sleep' },
      '2026-11-23T08:00:00Z',
    );
    const result = forecast({
      schedules: [weekly('office', '07:00', '20:00'), asleep],
      state: 'asleep',
      from: MONDAY,
      to: MONDAY + DAY,
      offHours,
    });
    expect(
      result.transitions.map(t => [t.operation, t.suppressed_by, t.reason]),
    ).toEqual([
      ['sleep', 'asleep', 'held back by override "asleep"'],
      ['wake', 'asleep', 'held back by override "asleep"'],
    ]);
    expect(result.segments).toEqual([
      expect.objectContaining({ awake: false, end: MONDAY + DAY }),
    ]);
  });

  it('follows the end of summer time in Madrid: boundaries at 20:00 local before and after', () => {
    // Friday 23 October 2026, 12:00 CEST; clocks go back on Sunday the 25th.
    const from = at('2026-10-23T10:00:00Z');
    const result = forecast({
      schedules: [
        weekly('late office', '08:00', '22:00'),
        entry('saturday', {
          kind: 'window',
          zone: 'Europe/Madrid',
          start: '2026-10-24T10:00',
          end: '2026-10-24T12:00',
        }),
      ],
      state: 'awake',
      from,
      to: at('2026-10-27T00:00:00Z'),
      offHours,
    });
    expect(result.transitions.map(t => [t.at, t.operation, t.reason])).toEqual([
      [
        '2026-10-23T22:00:00.000+02:00',
        'sleep',
        'weekly schedule "late office"',
      ],
      [
        '2026-10-24T10:00:00.000+02:00',
        'wake',
        'one-off window "saturday"; takes an off-hours slot if one of 5 is free',
      ],
      ['2026-10-24T12:00:00.000+02:00', 'sleep', 'one-off window "saturday"'],
      [
        '2026-10-26T08:00:00.000+01:00',
        'wake',
        'weekly schedule "late office"',
      ],
      [
        '2026-10-26T22:00:00.000+01:00',
        'sleep',
        'weekly schedule "late office"',
      ],
    ]);
    const kept = result.segments.filter(s => s.reason.startsWith('kept awake'));
    expect(kept.map(s => new Date(s.start).toISOString())).toEqual([
      '2026-10-23T18:00:00.000Z',
      '2026-10-26T19:00:00.000Z',
    ]);
  });
});

describe('boundaryDecision', () => {
  const office = weekly('office', '07:00', '20:00');
  const late = weekly('late', '18:00', '23:00');
  const boundary = at('2026-11-23T19:00:00Z');

  it('keeps a slot holder, gives a namespace its schedule keeps awake a slot, sleeps the rest', () => {
    const decide = (schedules: ScheduleEntry[], holdsSlot = false) =>
      boundaryDecision({ schedules, at: boundary, holdsSlot, limit: 3 });
    expect(decide([office], true).action).toBe('keep');
    expect(decide([late])).toMatchObject({
      action: 'take-slot',
      keeper: late,
    });
    expect(decide([office])).toEqual({
      action: 'sleep',
      reason: 'off-hours start: no off-hours slot',
    });
  });
});

describe('offHoursBetween', () => {
  it('is everything outside business hours, 24:00 ending at midnight', () => {
    const friday = at('2026-11-27T00:00:00Z');
    expect(
      offHoursBetween(
        { ...business, days: ['fri'], start: '00:00', end: '24:00' },
        friday - DAY,
        friday + 2 * DAY,
      ).map(p => [
        new Date(p.start).toISOString(),
        new Date(p.end).toISOString(),
      ]),
    ).toEqual([
      ['2026-11-26T00:00:00.000Z', '2026-11-26T23:00:00.000Z'],
      ['2026-11-27T23:00:00.000Z', '2026-11-29T00:00:00.000Z'],
    ]);
  });
});
