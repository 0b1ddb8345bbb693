import { BusinessHoursSpec } from '@namespace-scheduler/backstage-plugin-common';
import { offHoursPeriods } from './offHoursPeriods';

const at = (iso: string) => Date.parse(iso);

describe('offHoursPeriods', () => {
  const weekdays: BusinessHoursSpec = {
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '07:00',
    end: '20:00',
    time_zone: 'Europe/Madrid',
  };
  // Friday 2026-11-27 12:00 to Monday 2026-11-30 12:00 in Madrid (UTC+1).
  const from = at('2026-11-27T11:00:00Z');
  const to = at('2026-11-30T11:00:00Z');

  it('is everything outside business hours, across a weekend', () => {
    expect(offHoursPeriods(weekdays, from, to)).toEqual([
      { start: at('2026-11-27T19:00:00Z'), end: at('2026-11-30T06:00:00Z') },
    ]);
  });

  it('is nothing when business hours never end, and everything without business days', () => {
    const always: BusinessHoursSpec = {
      ...weekdays,
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '00:00',
      end: '24:00',
    };
    expect(offHoursPeriods(always, from, to)).toEqual([]);
    expect(offHoursPeriods({ ...weekdays, days: [] }, from, to)).toEqual([
      { start: from, end: to },
    ]);
  });
});
