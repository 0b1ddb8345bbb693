import { PreviewTransition } from '@namespace-scheduler/backstage-plugin-common';
import { awakePeriods, calendarDays } from './calendarDays';

const at = (iso: string) => Date.parse(iso);
const transition = (
  iso: string,
  operation: PreviewTransition['operation'],
  extra: Partial<PreviewTransition> = {},
): PreviewTransition => ({
  at: iso,
  operation,
  schedule_id: 's1',
  title: 'Office',
  kind: 'weekly',
  ...extra,
});

describe('awakePeriods', () => {
  const from = at('2026-11-23T06:00:00Z');
  const to = at('2026-11-30T06:00:00Z');

  it('pairs wakes with the next sleep, from the live state', () => {
    const transitions = [
      transition('2026-11-23T07:00:00Z', 'sleep'),
      transition('2026-11-24T08:00:00Z', 'wake'),
      transition('2026-11-24T18:00:00Z', 'sleep'),
      transition('2026-11-29T08:00:00Z', 'scale', { replicas: 2 }),
    ];
    expect(awakePeriods(transitions, 'awake', from, to)).toEqual([
      { start: from, end: at('2026-11-23T07:00:00Z') },
      { start: at('2026-11-24T08:00:00Z'), end: at('2026-11-24T18:00:00Z') },
      { start: at('2026-11-29T08:00:00Z'), end: to },
    ]);
  });

  it('leaves out what an override holds back and treats scale to 0 as sleep', () => {
    const transitions = [
      transition('2026-11-24T08:00:00Z', 'wake', { suppressed_by: 'o1' }),
      transition('2026-11-25T08:00:00Z', 'wake'),
      transition('2026-11-25T09:00:00Z', 'scale', { replicas: 0 }),
    ];
    expect(awakePeriods(transitions, 'unknown', from, to)).toEqual([
      { start: at('2026-11-25T08:00:00Z'), end: at('2026-11-25T09:00:00Z') },
    ]);
  });

  it('plans a scale without replicas (invalid) as awake, as the backend does', () => {
    const transitions = [
      transition('2026-11-23T08:00:00Z', 'scale'),
      transition('2026-11-23T18:00:00Z', 'sleep'),
    ];
    expect(awakePeriods(transitions, 'asleep', from, to)).toEqual([
      { start: at('2026-11-23T08:00:00Z'), end: at('2026-11-23T18:00:00Z') },
    ]);
  });
});

describe('calendarDays', () => {
  it('splits periods over local days, across a DST change', () => {
    // Europe/Madrid leaves summer time at 03:00 on 2026-10-25: that day lasts 25 hours.
    const from = at('2026-10-24T10:00:00Z');
    const periods = [
      { start: at('2026-10-24T20:00:00Z'), end: at('2026-10-25T11:00:00Z') },
    ];
    const [saturday, sunday] = calendarDays(periods, 'Europe/Madrid', from, 2);
    expect(saturday.start).toBe(at('2026-10-23T22:00:00Z'));
    expect(sunday.end - sunday.start).toBe(25 * 3_600_000);
    expect(saturday.segments).toEqual([
      expect.objectContaining({ top: 22 / 24, height: 2 / 24 }),
    ]);
    // Until 12:00 local, 13 hours into the day.
    expect(sunday.segments).toEqual([
      expect.objectContaining({ top: 0, height: 13 / 25 }),
    ]);
  });
});
