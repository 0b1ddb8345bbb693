import { MAX_SCALE_REPLICAS } from '../domain';
import { describeScheduleIssues, validateScheduleInput } from './validation';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const base = {
  title: 'Office hours',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
};

function problems(input: unknown): string {
  const result = validateScheduleInput(input, { now: NOW });
  return result.success ? 'valid' : describeScheduleIssues(result.issues);
}

describe('schedule validation', () => {
  it('lets a scheduled scale ask for as many replicas as a manual one (it was 100, now 1000)', () => {
    const scale = (replicas: number) =>
      problems({
        ...base,
        kind: 'cron',
        cron: '0 7 * * *',
        operation: 'scale',
        replicas,
      });
    expect(scale(500)).toBe('valid');
    expect(scale(MAX_SCALE_REPLICAS)).toBe('valid');
    expect(scale(MAX_SCALE_REPLICAS + 1)).toBe(
      'replicas: must be from 0 to 1000',
    );
    expect(scale(-1)).toBe('replicas: must be from 0 to 1000');
  });

  it('accepts each kind and normalizes it', () => {
    const weekly = validateScheduleInput(
      {
        ...base,
        zone: 'europe/madrid',
        kind: 'weekly',
        days: ['fri', 'mon', 'fri'],
        from: '07:00',
        to: '20:00',
        except_dates: ['2026-12-25', '2026-12-24', '2026-12-25'],
      },
      { now: NOW },
    );
    expect(weekly).toEqual({
      success: true,
      schedule: {
        ...base,
        kind: 'weekly',
        days: ['mon', 'fri'],
        from: '07:00',
        to: '20:00',
        except_dates: ['2026-12-24', '2026-12-25'],
      },
    });
    const window = validateScheduleInput(
      {
        ...base,
        kind: 'window',
        start: '2026-11-28T09:00',
        end: '2026-11-28T17:00:00Z',
      },
      { now: NOW },
    );
    expect(window.success && window.schedule).toMatchObject({
      start: '2026-11-28T09:00:00.000+01:00',
      end: '2026-11-28T18:00:00.000+01:00',
    });
    expect(
      problems({
        ...base,
        kind: 'cron',
        cron: ' 0  7 * * 1-5 ',
        operation: 'wake',
      }),
    ).toBe('valid');
    expect(
      problems({
        ...base,
        kind: 'cron',
        cron: '0 12 * * *',
        operation: 'scale',
        replicas: 3,
      }),
    ).toBe('valid');
    expect(
      problems({
        ...base,
        kind: 'override',
        operation: 'wake',
        until: '2026-11-22T22:00',
      }),
    ).toBe('valid');
    expect(problems({ ...base, kind: 'override', operation: 'sleep' })).toBe(
      'valid',
    );
  });

  it('names the field of every problem', () => {
    expect(
      problems({ ...base, kind: 'cron', cron: '0 7 * *', operation: 'wake' }),
    ).toBe(
      'cron: must have five fields: minute hour day-of-month month day-of-week',
    );
    expect(
      problems({
        ...base,
        kind: 'cron',
        cron: '0 25 * * *',
        operation: 'wake',
      }),
    ).toMatch(/^cron: is not valid/);
    expect(
      problems({
        ...base,
        zone: 'Europe/Atlantis',
        kind: 'override',
        operation: 'wake',
      }),
    ).toBe('zone: unknown time zone "Europe/Atlantis"');
    expect(
      problems({
        ...base,
        kind: 'window',
        start: '2026-11-28T17:00',
        end: '2026-11-28T09:00',
      }),
    ).toBe('end: must be after start');
    expect(
      problems({
        ...base,
        kind: 'window',
        start: '2026-11-20T09:00',
        end: '2026-11-21T09:00',
      }),
    ).toBe('end: must be in the future');
    expect(
      problems({
        ...base,
        kind: 'window',
        start: 'soon',
        end: '2026-11-28T09:00',
      }),
    ).toMatch(/^start: must be an ISO 8601/);
    expect(
      problems({
        ...base,
        namespace: 'Shop_Dev',
        kind: 'override',
        operation: 'wake',
      }),
    ).toMatch(/^namespace: must be a DNS-1123 label/);
    expect(
      problems({
        ...base,
        kind: 'cron',
        cron: '0 7 * * *',
        operation: 'scale',
      }),
    ).toBe('replicas: is required for operation scale');
    expect(
      problems({
        ...base,
        kind: 'cron',
        cron: '0 7 * * *',
        operation: 'scale',
        replicas: 1001,
      }),
    ).toBe('replicas: must be from 0 to 1000');
    expect(
      problems({
        ...base,
        kind: 'cron',
        cron: '0 7 * * *',
        operation: 'wake',
        replicas: 1,
      }),
    ).toBe('replicas: is only allowed with operation scale');
    expect(
      problems({
        ...base,
        kind: 'weekly',
        days: [],
        from: '7:00',
        to: '20:00',
      }),
    ).toBe(
      'days: needs at least one day; from: must be a HH:mm time from 00:00 to 23:59',
    );
    expect(
      problems({
        ...base,
        kind: 'weekly',
        days: ['mon'],
        from: '07:00',
        to: '20:00',
        except_dates: ['2026-02-30'],
      }),
    ).toBe('except_dates.0: is not a calendar date');
    expect(
      problems({
        ...base,
        kind: 'override',
        operation: 'wake',
        until: '2026-11-22T11:00:00Z',
      }),
    ).toBe('until: must be in the future');
    expect(
      problems({ ...base, kind: 'command', command: 'kubectl delete ns' }),
    ).toBe('kind: must be one of cron, window, weekly, override');
    expect(
      problems({ ...base, kind: 'override', operation: 'wake', command: 'x' }),
    ).toBe('body: Unrecognized key: "command"');
    expect(
      problems({ ...base, title: ' ', kind: 'override', operation: 'wake' }),
    ).toBe('title: is required');
  });
});
