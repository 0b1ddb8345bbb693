import type { Activity } from '../types/activity';
import type { OperationResult } from '../types/operations';
import {
  awakeHoursPerDay as perDay,
  awakeHoursWithLiveState,
  awakeRecordOf,
} from './awakeHours';

const awakeHoursPerDay = (
  records: Activity[],
  options: Parameters<typeof perDay>[1],
) => perDay(records.map(awakeRecordOf), options);

const result = {} as OperationResult;

function record(
  operation: Activity['operation'],
  start: string,
  extra: Partial<Activity> = {},
): Activity {
  return {
    id: `${operation}-${start}`,
    cluster: 'sandbox',
    namespace: 'shop-dev',
    operation,
    cost_center: 'CC-1001',
    requested_by: 'user:default/guest',
    status: 'completed',
    outcome: 'succeeded',
    timestamp_start: start,
    result,
    ...extra,
  };
}

const wake = (start: string, end?: string, extra: Partial<Activity> = {}) =>
  record('wake', start, {
    status: end ? 'completed' : 'active',
    timestamp_end: end,
    ...extra,
  });

const NOW = Date.parse('2026-11-23T12:00:00Z');
const utc = { now: NOW, days: 3, zone: 'UTC' };

describe('awakeHoursPerDay', () => {
  it('gives every day of the period, oldest first, ending today', () => {
    expect(awakeHoursPerDay([], utc)).toEqual([
      { date: '2026-11-21', hours: 0, namespaces: {} },
      { date: '2026-11-22', hours: 0, namespaces: {} },
      { date: '2026-11-23', hours: 0, namespaces: {} },
    ]);
  });

  it('splits a closed wake across the days it spans', () => {
    const days = awakeHoursPerDay(
      [wake('2026-11-21T20:00:00Z', '2026-11-22T06:00:00Z')],
      utc,
    );
    expect(days.map(d => d.hours)).toEqual([4, 6, 0]);
    expect(days[0].namespaces).toEqual({ 'sandbox/shop-dev': 4 });
  });

  it('counts a still-open wake up to now', () => {
    const days = awakeHoursPerDay([wake('2026-11-23T09:30:00Z')], utc);
    expect(days[2].hours).toBe(2.5);
  });

  it('clips records that started before the period', () => {
    const days = awakeHoursPerDay(
      [wake('2026-11-10T00:00:00Z', '2026-11-21T02:00:00Z')],
      utc,
    );
    expect(days.map(d => d.hours)).toEqual([2, 0, 0]);
  });

  it('ignores sleeps, failures and scales to zero; counts scales up', () => {
    const days = awakeHoursPerDay(
      [
        record('sleep', '2026-11-22T01:00:00Z', {
          timestamp_end: '2026-11-22T01:00:05Z',
        }),
        wake('2026-11-22T02:00:00Z', '2026-11-22T05:00:00Z', {
          outcome: 'failed',
        }),
        record('scale', '2026-11-22T06:00:00Z', {
          replicas: 0,
          timestamp_end: '2026-11-22T06:00:01Z',
        }),
        record('scale', '2026-11-22T10:00:00Z', {
          replicas: 2,
          timestamp_end: '2026-11-22T11:00:00Z',
        }),
      ],
      utc,
    );
    expect(days[1].hours).toBe(1);
  });

  it('counts a scale without replicas (invalid) as awake, as every reader of records does', () => {
    const days = awakeHoursPerDay(
      [
        record('scale', '2026-11-22T10:00:00Z', {
          timestamp_end: '2026-11-22T12:00:00Z',
        }),
      ],
      utc,
    );
    expect(days[1].hours).toBe(2);
  });

  it('counts overlapping records of one namespace once, and namespaces apart', () => {
    const days = awakeHoursPerDay(
      [
        wake('2026-11-22T08:00:00Z', '2026-11-22T12:00:00Z'),
        wake('2026-11-22T10:00:00Z', '2026-11-22T14:00:00Z'),
        wake('2026-11-22T08:00:00Z', '2026-11-22T09:00:00Z', {
          namespace: 'shop-qa',
        }),
      ],
      utc,
    );
    expect(days[1].namespaces).toEqual({
      'sandbox/shop-dev': 6,
      'sandbox/shop-qa': 1,
    });
    expect(days[1].hours).toBe(7);
  });

  it('counts local days, 23 hours long on a spring-forward day', () => {
    const days = awakeHoursPerDay(
      [wake('2026-03-28T20:00:00Z', '2026-03-30T05:00:00Z')],
      {
        now: Date.parse('2026-03-30T06:00:00Z'),
        days: 2,
        zone: 'Europe/Madrid',
      },
    );
    expect(days.map(d => [d.date, d.hours])).toEqual([
      ['2026-03-29', 23],
      ['2026-03-30', 7],
    ]);
  });
});

describe('awakeHoursWithLiveState', () => {
  const shopDev = { cluster: 'sandbox', namespace: 'shop-dev' };
  const shopQa = { cluster: 'sandbox', namespace: 'shop-qa' };

  it('counts a namespace awake now with no record from the period start, and says so', () => {
    const { items, unrecorded } = awakeHoursWithLiveState([], [shopDev], utc);
    expect(items.map(d => d.hours)).toEqual([24, 24, 12]);
    expect(items[2].namespaces).toEqual({ 'sandbox/shop-dev': 12 });
    expect(unrecorded).toEqual([
      {
        namespace: 'sandbox/shop-dev',
        since: '2026-11-21T00:00:00.000Z',
        basis: 'period-start',
      },
    ]);
  });

  it('counts it from its latest record in the period: woken by something else after a sleep', () => {
    const records = [
      wake('2026-11-22T08:00:00Z', '2026-11-22T18:00:00Z'),
      record('sleep', '2026-11-22T18:00:00Z'),
    ].map(awakeRecordOf);
    const { items, unrecorded } = awakeHoursWithLiveState(
      records,
      [shopDev],
      utc,
    );
    expect(items.map(d => d.hours)).toEqual([0, 16, 12]);
    expect(unrecorded).toEqual([
      {
        namespace: 'sandbox/shop-dev',
        since: '2026-11-22T18:00:00.000Z',
        basis: 'last-activity',
      },
    ]);
  });

  it('adds nothing for a namespace whose open wake already counts, and leaves the others alone', () => {
    const records = [wake('2026-11-23T09:00:00Z')].map(awakeRecordOf);
    const { items, unrecorded } = awakeHoursWithLiveState(records, [shopDev], {
      ...utc,
      zone: 'Europe/Madrid',
    });
    expect(unrecorded).toEqual([]);
    expect(items[2].namespaces).toEqual({ 'sandbox/shop-dev': 3 });
    expect(
      awakeHoursWithLiveState(records, [shopQa], utc).items[2].namespaces,
    ).toEqual({ 'sandbox/shop-dev': 3, 'sandbox/shop-qa': 12 });
  });
});
