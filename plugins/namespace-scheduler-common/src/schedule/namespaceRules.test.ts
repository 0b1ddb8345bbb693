import {
  overrideAt,
  previewTransitions,
  resolveRelease,
  ScheduleEntry,
} from './namespaceRules';
import { ScheduleTiming } from './types';

const utc = (iso: string) => Date.parse(`${iso}Z`);

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

const office = entry('office', {
  kind: 'weekly',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '07:00',
  to: '20:00',
  except_dates: ['2026-11-25'],
});
const nightly = entry('nightly', {
  kind: 'cron',
  zone: 'Europe/Madrid',
  cron: '0 3 * * *',
  operation: 'scale',
  replicas: 2,
});

describe('a namespace’s schedules together', () => {
  it('previews the coming transitions of every schedule in order', () => {
    const preview = previewTransitions([office, nightly], {
      from: utc('2026-11-23T00:00'),
      to: utc('2026-11-30T00:00'),
      limit: 6,
    });
    expect(preview.map(p => `${p.schedule_id} ${p.operation} ${p.at}`)).toEqual(
      [
        'nightly scale 2026-11-23T03:00:00.000+01:00',
        'office wake 2026-11-23T07:00:00.000+01:00',
        'office sleep 2026-11-23T20:00:00.000+01:00',
        'nightly scale 2026-11-24T03:00:00.000+01:00',
        'office wake 2026-11-24T07:00:00.000+01:00',
        'office sleep 2026-11-24T20:00:00.000+01:00',
      ],
    );
    expect(preview[0]).toMatchObject({
      replicas: 2,
      kind: 'cron',
      title: 'nightly',
    });
    // Wednesday 25 is an exception: Thursday follows Tuesday.
    const later = previewTransitions([office], {
      from: utc('2026-11-24T20:00'),
      to: utc('2026-11-30T00:00'),
      limit: 1,
    });
    expect(later[0].at).toBe('2026-11-26T07:00:00.000+01:00');
  });

  it('marks what an override suspends and resolves its release from the others', () => {
    const hold = entry(
      'hold',
      {
        kind: 'override',
        zone: 'UTC',
        operation: 'sleep',
        until: '2026-11-23T10:00:00Z',
      },
      '2026-11-22T12:00:00Z',
    );
    const schedules = [office, nightly, hold];
    expect(overrideAt(schedules, utc('2026-11-23T06:00'))?.id).toBe('hold');
    expect(overrideAt(schedules, utc('2026-11-23T10:00'))).toBeUndefined();
    expect(overrideAt(schedules, utc('2026-11-22T11:59'))).toBeUndefined();

    const preview = previewTransitions(schedules, {
      from: utc('2026-11-22T12:00'),
      to: utc('2026-11-23T23:00'),
      limit: 10,
    });
    expect(
      preview.map(p => [p.schedule_id, p.operation, p.suppressed_by]),
    ).toEqual([
      ['nightly', 'scale', 'hold'],
      ['office', 'wake', 'hold'],
      // At 10:00 Monday the office window holds: the release wakes.
      ['hold', 'wake', undefined],
      ['office', 'sleep', undefined],
    ]);
  });

  it('releases to the opposite when no other schedule says anything', () => {
    const release = {
      at: utc('2026-11-23T10:00'),
      operation: 'sleep' as const,
      release: true,
    };
    expect(resolveRelease(release, [])).toEqual(release);
    expect(resolveRelease(release, [nightly])).toEqual({
      at: release.at,
      operation: 'scale',
      replicas: 2,
      release: true,
    });
  });

  it('only the latest override created holds', () => {
    const first = entry(
      'first',
      { kind: 'override', zone: 'UTC', operation: 'wake' },
      '2026-11-22T08:00:00Z',
    );
    const second = entry(
      'second',
      { kind: 'override', zone: 'UTC', operation: 'sleep' },
      '2026-11-22T09:00:00Z',
    );
    expect(overrideAt([first, second], utc('2026-11-22T10:00'))?.id).toBe(
      'second',
    );
    expect(
      overrideAt(
        [first, { ...second, status: 'completed' }],
        utc('2026-11-22T10:00'),
      )?.id,
    ).toBe('first');
  });
});
