import { formatInstantLabel, overrideTitle } from './instantLabel';
import {
  contradictsOverride,
  overrideEndedBy,
  ScheduleEntry,
} from './namespaceRules';

const awakeUntil6pm: ScheduleEntry = {
  id: 'held',
  title: 'held',
  status: 'active',
  created_at: '2026-12-02T09:00:00Z',
  kind: 'override',
  zone: 'Europe/Madrid',
  operation: 'wake',
  until: '2026-12-03T18:00',
};
const noon = Date.parse('2026-12-02T12:00:00Z');

describe('an operation against an override', () => {
  it('ends a wake override by sleeping; waking or scaling agree with it', () => {
    const wake = { operation: 'wake' as const };
    expect(contradictsOverride(wake, 'sleep')).toBe(true);
    expect(contradictsOverride(wake, 'wake')).toBe(false);
    expect(contradictsOverride(wake, 'scale')).toBe(false);
  });

  it('ends a sleep override by waking or scaling', () => {
    const sleep = { operation: 'sleep' as const };
    expect(contradictsOverride(sleep, 'wake')).toBe(true);
    expect(contradictsOverride(sleep, 'scale')).toBe(true);
    expect(contradictsOverride(sleep, 'sleep')).toBe(false);
  });

  it('names the holding override a contradicting operation ends', () => {
    expect(overrideEndedBy([awakeUntil6pm], 'sleep', noon)?.id).toBe('held');
    expect(overrideEndedBy([awakeUntil6pm], 'wake', noon)).toBeUndefined();
  });

  it('ends none once released, ended, or by the override’s own run', () => {
    const after = Date.parse('2026-12-03T18:00:00Z');
    expect(overrideEndedBy([awakeUntil6pm], 'sleep', after)).toBeUndefined();
    const ended = { ...awakeUntil6pm, status: 'completed' as const };
    expect(overrideEndedBy([ended], 'sleep', noon)).toBeUndefined();
    expect(
      overrideEndedBy([awakeUntil6pm], 'sleep', noon, 'held'),
    ).toBeUndefined();
  });
});

describe('instants as people read them', () => {
  it('labels an instant with its zone', () => {
    const at = Date.parse('2026-12-03T17:00:00Z');
    expect(formatInstantLabel(at, 'Europe/Madrid')).toBe(
      'Thu 3 Dec, 18:00 CET',
    );
    expect(formatInstantLabel(at, 'UTC')).toBe('Thu 3 Dec, 17:00 UTC');
  });

  it('titles an override by its end, in the zone asked for', () => {
    expect(overrideTitle(awakeUntil6pm)).toBe(
      'Awake until Thu 3 Dec, 18:00 CET',
    );
    expect(overrideTitle(awakeUntil6pm, 'UTC')).toBe(
      'Awake until Thu 3 Dec, 17:00 UTC',
    );
    expect(
      overrideTitle({ operation: 'sleep', zone: 'UTC', until: undefined }),
    ).toBe('Held asleep');
  });
});
