import { ScheduleEntry } from '../schedule/namespaceRules';
import { ScheduleTiming } from '../schedule/types';
import { awakeIntervals, scheduledAwakeAt } from './awakeIntervals';

const at = (iso: string) => Date.parse(iso);
const MON = at('2026-11-23T00:00:00Z');
const TUE = at('2026-11-24T00:00:00Z');

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

const evening = entry('evening', {
  kind: 'weekly',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '18:00',
  to: '22:00',
});

const cron = (
  id: string,
  expression: string,
  operation: 'wake' | 'sleep' | 'scale',
  replicas?: number,
) =>
  entry(id, {
    kind: 'cron',
    zone: 'UTC',
    cron: expression,
    operation,
    ...(replicas !== undefined && { replicas }),
  });

describe('awakeIntervals', () => {
  it('follows weekly windows in their zone', () => {
    expect(awakeIntervals([evening], MON, TUE)).toEqual([
      { start: at('2026-11-23T17:00:00Z'), end: at('2026-11-23T21:00:00Z') },
    ]);
    // Awake at the start of the range: the window began before it.
    expect(awakeIntervals([evening], at('2026-11-23T20:00:00Z'), TUE)).toEqual([
      { start: at('2026-11-23T20:00:00Z'), end: at('2026-11-23T21:00:00Z') },
    ]);
    expect(scheduledAwakeAt([evening], at('2026-11-23T17:30:00Z'))).toBe(true);
    expect(scheduledAwakeAt([evening], at('2026-11-23T21:00:00Z'))).toBe(false);
  });

  it('pairs cron wakes and sleeps, a scale above 0 waking and to 0 sleeping', () => {
    const schedules = [
      cron('up', '0 22 * * *', 'wake'),
      cron('down', '30 23 * * *', 'scale', 0),
    ];
    expect(awakeIntervals(schedules, MON, TUE)).toEqual([
      { start: at('2026-11-23T22:00:00Z'), end: at('2026-11-23T23:30:00Z') },
    ]);
    // Yesterday's scale to 2 still holds: nothing put it to sleep since.
    expect(
      awakeIntervals(
        [cron('two', '0 1 * * *', 'scale', 2)],
        MON,
        at('2026-11-23T03:00:00Z'),
      ),
    ).toEqual([{ start: MON, end: at('2026-11-23T03:00:00Z') }]);
  });

  it('plans a scale without replicas (invalid) as awake, as the silencer and the cost-center rule read it', () => {
    // `(replicas ?? 0) > 0` here used to read it as a sleep.
    const schedules = [
      cron('up', '0 22 * * *', 'scale'),
      cron('down', '30 23 * * *', 'sleep'),
    ];
    expect(awakeIntervals(schedules, MON, TUE)).toEqual([
      { start: at('2026-11-23T22:00:00Z'), end: at('2026-11-23T23:30:00Z') },
    ]);
  });

  it('lets an override hold the namespace over its other schedules until it is released', () => {
    const hold = entry(
      'hold',
      {
        kind: 'override',
        zone: 'UTC',
        operation: 'wake',
        until: '2026-11-23T23:00:00Z',
      },
      '2026-11-23T20:30:00Z',
    );
    expect(awakeIntervals([evening, hold], MON, TUE)).toEqual([
      { start: at('2026-11-23T17:00:00Z'), end: at('2026-11-23T23:00:00Z') },
    ]);
    const quiet = entry(
      'quiet',
      { kind: 'override', zone: 'UTC', operation: 'sleep' },
      '2026-11-23T17:30:00Z',
    );
    expect(awakeIntervals([evening, quiet], MON, TUE)).toEqual([
      { start: at('2026-11-23T17:00:00Z'), end: at('2026-11-23T17:30:00Z') },
    ]);
    expect(
      awakeIntervals([{ ...evening, status: 'completed' }], MON, TUE),
    ).toEqual([]);
  });
});
