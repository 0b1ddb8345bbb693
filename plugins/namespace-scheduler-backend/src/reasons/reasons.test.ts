import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { boundaryWhy, manualWhy, runWhy } from './reasons';

const BASE = {
  id: 's1',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  status: 'active' as const,
  created_by: 'user:default/alice',
  created_at: '2026-12-01T08:00:00Z',
  updated_at: '2026-12-01T08:00:00Z',
  run_count: 0,
  success_count: 0,
  error_count: 0,
  skipped_count: 0,
};

const office: Schedule = {
  ...BASE,
  title: 'Office hours',
  kind: 'weekly',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '19:00',
};

const hold: Schedule = {
  ...BASE,
  title: 'Wake until Thu 3 Dec, 18:00 CET',
  kind: 'override',
  zone: 'Europe/Madrid',
  operation: 'wake',
  until: '2026-12-03T18:00:00+01:00',
};

const AT = Date.parse('2026-12-02T07:00:00Z');

describe('reasons', () => {
  it('names the person of a manual operation', () => {
    expect(manualWhy({ operation: 'sleep' }, 'user:default/alice')).toEqual({
      source: 'manual',
      reason: 'Manual sleep by alice',
    });
    expect(
      manualWhy({ operation: 'scale', replicas: 3 }, 'user:default/bob').reason,
    ).toBe('Manual scale to 3 by bob');
  });

  it('names the schedule the runner ran, and when it acts', () => {
    const run = { trigger: 'schedule' as const, requestedBy: 'scheduler' };
    expect(runWhy(office, { at: AT, operation: 'wake' }, run)).toEqual({
      source: 'schedule',
      reason: 'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
    });
    const cron: Schedule = {
      ...BASE,
      title: 'Nightly',
      kind: 'cron',
      zone: 'UTC',
      cron: '0 20 * * *',
      operation: 'sleep',
    };
    expect(runWhy(cron, { at: AT, operation: 'sleep' }, run).reason).toBe(
      'Schedule "Nightly" (sleep at "0 20 * * *" UTC)',
    );
  });

  it('says who ran a schedule now', () => {
    expect(
      runWhy(
        { ...office, days: ['sat', 'sun'] },
        { at: AT, operation: 'sleep' },
        { trigger: 'manual', requestedBy: 'user:default/bob' },
      ),
    ).toEqual({
      source: 'run-now',
      reason:
        'Run now of Schedule "Office hours" (Sat, Sun 08:00–19:00 Europe/Madrid) by bob',
    });
  });

  it('says until when an override holds, and by whom, and when it ends', () => {
    const manual = { trigger: 'manual' as const, requestedBy: BASE.created_by };
    expect(runWhy(hold, { at: AT, operation: 'wake' }, manual)).toEqual({
      source: 'override',
      reason: 'Held awake until Thu 3 Dec, 18:00 CET (override by alice)',
    });
    expect(
      runWhy(
        hold,
        { at: AT, operation: 'sleep', release: true },
        { trigger: 'schedule', requestedBy: 'scheduler' },
      ).reason,
    ).toBe(
      'Override "Wake until Thu 3 Dec, 18:00 CET" by alice ended: back to what the other schedules ask for',
    );
  });

  it('explains a sleep at the off-hours boundary with the limit', () => {
    expect(
      boundaryWhy({
        start: Date.parse('2026-12-03T19:00:00Z'),
        hours: {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '07:00',
          end: '20:00',
          time_zone: 'Europe/Madrid',
        },
        limit: 5,
        scope: 'across all clusters',
      }),
    ).toEqual({
      source: 'off-hours-boundary',
      reason:
        'Off-hours started (Thu 3 Dec, 20:00 CET; business hours Mon–Fri 07:00–20:00 Europe/Madrid): no off-hours slot held; limit 5 across all clusters',
    });
  });
});
