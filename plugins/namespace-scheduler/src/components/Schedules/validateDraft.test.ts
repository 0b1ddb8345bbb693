import { parseDateTime } from '@namespace-scheduler/backstage-plugin-common';
import { weeklySchedule } from '../../__testUtils__';
import { draftOf, newDraft } from './scheduleDraft';
import { OPERATION_REQUIRED, validateDraft } from './validateDraft';

const target = { cluster: 'sandbox', namespace: 'shop-dev' };
const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('schedule drafts', () => {
  it('reports the timing together with missing basics', () => {
    const draft = { ...newDraft(), kind: 'cron' as const, cron: '0 8 * *' };
    const check = validateDraft(draft, target, NOW);
    expect(check.issues).toEqual({
      title: 'is required',
      cost_center: 'is required',
      cron: 'must have five fields: minute hour day-of-month month day-of-week',
      operation: OPERATION_REQUIRED,
    });
    expect(check.schedule).toBeUndefined();
    expect(check.timing).toBeUndefined();
  });

  it('gives the timing for next runs before the basics are filled in', () => {
    const draft = { ...newDraft(), zone: 'Europe/Madrid' };
    const check = validateDraft(draft, target, NOW);
    expect(Object.keys(check.issues)).toEqual(['title', 'cost_center']);
    expect(check.timing).toMatchObject({ kind: 'weekly', from: '08:00' });
  });

  it('chooses no operation for a cron task: it is sent and previewed once the user picks one', () => {
    const draft = {
      ...newDraft(),
      kind: 'cron' as const,
      title: 'Nightly',
      cost_center: 'CC-1',
      cron: '0 20 * * *',
    };
    expect(draft.operation).toBe('');
    const unchosen = validateDraft(draft, target, NOW);
    expect(unchosen).toEqual({ issues: { operation: OPERATION_REQUIRED } });
    const chosen = validateDraft({ ...draft, operation: 'sleep' }, target, NOW);
    expect(chosen.issues).toEqual({});
    expect(chosen.schedule).toMatchObject({ kind: 'cron', operation: 'sleep' });
    expect(chosen.timing).toMatchObject({ operation: 'sleep' });
    // The other kinds have no such field.
    expect(
      validateDraft({ ...draft, kind: 'weekly' }, target, NOW).schedule,
    ).toMatchObject({ kind: 'weekly' });
  });

  it('asks for replicas only when a cron task scales', () => {
    const draft = {
      ...newDraft(),
      kind: 'cron' as const,
      title: 'Scale up',
      cost_center: 'CC-1',
      operation: 'scale' as const,
    };
    expect(validateDraft(draft, target, NOW).issues).toEqual({
      replicas: 'is required for operation scale',
    });
    expect(
      validateDraft({ ...draft, replicas: '3' }, target, NOW).schedule,
    ).toMatchObject({ operation: 'scale', replicas: 3 });
  });

  it('shows a window in its own zone and sends back the same instants', () => {
    const schedule = {
      ...weeklySchedule(),
      kind: 'window' as const,
      zone: 'America/New_York',
      start: '2026-12-01T14:00:00.000Z',
      end: '2026-12-01T22:30:00.000Z',
    };
    const draft = draftOf(schedule);
    expect([draft.start, draft.end]).toEqual([
      '2026-12-01T09:00',
      '2026-12-01T17:30',
    ]);
    const check = validateDraft(draft, target, NOW);
    expect(check.schedule?.kind).toBe('window');
    expect(
      check.schedule?.kind === 'window' &&
        parseDateTime(check.schedule.start, 'UTC'),
    ).toBe(Date.parse('2026-12-01T14:00:00Z'));
  });
});
