import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { operationResult } from '../__testUtils__/fakeEngine';
import { awakeSince, chargedIntervals } from './chargedIntervals';

const H = 3_600_000;
const T0 = Date.parse('2025-03-01T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

function record(
  operation: Activity['operation'],
  hours: number,
  extra: Partial<Activity> = {},
): Activity {
  return {
    id: `${operation}-${hours}`,
    cluster: 'sandbox',
    namespace: 'shop-dev',
    operation,
    cost_center: 'CC-1',
    requested_by: 'scheduler',
    status: 'completed',
    outcome: 'succeeded',
    timestamp_start: at(hours),
    timestamp_end: at(hours),
    result: operationResult({
      operation,
      cluster: 'sandbox',
      namespace: 'shop-dev',
    }),
    ...extra,
  };
}

describe('chargedIntervals', () => {
  const range = { from: T0, to: T0 + 24 * H };

  it('counts nothing before the first known record', () => {
    expect(chargedIntervals(undefined, [record('sleep', 20)], range)).toEqual([
      {
        awake: false,
        costCenter: 'CC-1',
        start: T0 + 20 * H,
        end: T0 + 24 * H,
      },
    ]);
  });

  it('carries the state at the start of the range and clips at its end', () => {
    const before = record('wake', -30, { cost_center: 'CC-0' });
    expect(chargedIntervals(before, [record('sleep', 2)], range)).toEqual([
      { awake: true, costCenter: 'CC-0', start: T0, end: T0 + 2 * H },
      { awake: false, costCenter: 'CC-1', start: T0 + 2 * H, end: T0 + 24 * H },
    ]);
  });

  it('treats a scale up as a wake, a scale to 0 as a sleep, and a sleep from its end', () => {
    const intervals = chargedIntervals(
      undefined,
      [
        record('scale', 12, { replicas: 0 }),
        record('scale', 1, { replicas: 3 }),
        record('sleep', 5, { timestamp_end: at(6) }),
        record('wake', 10),
      ],
      range,
    );
    expect(intervals.map(i => [i.awake, (i.end - i.start) / H])).toEqual([
      [true, 5],
      [false, 4],
      [true, 2],
      [false, 12],
    ]);
  });

  it('charges a scale without replicas (invalid) as awake, as the activity log does', () => {
    // It used to be read as a sleep here and as a wake by the off-hours guard.
    const intervals = chargedIntervals(
      undefined,
      [record('scale', 4), record('sleep', 10)],
      range,
    );
    expect(intervals.map(i => [i.awake, (i.end - i.start) / H])).toEqual([
      [true, 6],
      [false, 14],
    ]);
  });
});

describe('awakeSince', () => {
  const asleep = {
    awake: false,
    costCenter: 'CC-1',
    start: T0,
    end: T0 + 10 * H,
  };

  it('ends the recorded time at `since` and charges the rest awake to the cost center before', () => {
    expect(awakeSince([asleep], T0 + 4 * H, T0 + 10 * H)).toEqual([
      { ...asleep, end: T0 + 4 * H },
      { awake: true, costCenter: 'CC-1', start: T0 + 4 * H, end: T0 + 10 * H },
    ]);
  });

  it('is awake all along without records, and unchanged when `since` is the end', () => {
    expect(awakeSince([], T0, T0 + H)).toEqual([
      { awake: true, costCenter: '', start: T0, end: T0 + H },
    ]);
    expect(awakeSince([asleep], T0 + 10 * H, T0 + 10 * H)).toEqual([asleep]);
  });
});
