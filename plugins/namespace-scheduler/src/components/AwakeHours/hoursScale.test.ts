import { formatHours, formatTick, hourTicks } from './hoursScale';

describe('the awake-hours scale', () => {
  it('ticks whole minutes below an hour and whole hours above, at most five steps', () => {
    // The chart: a few seconds awake gave ticks like "0.00285 h".
    expect(hourTicks(0.0114).map(formatTick)).toEqual(['0', '1 min']);
    expect(hourTicks(0.2).map(formatTick)).toEqual([
      '0',
      '5 min',
      '10 min',
      '15 min',
    ]);
    expect(hourTicks(0.75).map(formatTick)).toEqual([
      '0',
      '10 min',
      '20 min',
      '30 min',
      '40 min',
      '50 min',
    ]);
    expect(hourTicks(6.5).map(formatTick)).toEqual([
      '0',
      '2 h',
      '4 h',
      '6 h',
      '8 h',
    ]);
    expect(hourTicks(24).map(formatTick)).toEqual([
      '0',
      '6 h',
      '12 h',
      '18 h',
      '24 h',
    ]);
    expect(hourTicks(100)).toEqual([0, 24, 48, 72, 96, 120]);
    expect(hourTicks(0)).toEqual([0, 1 / 60]);
  });

  it('formats durations in minutes below an hour, else hours to a tenth', () => {
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(0.00285)).toBe('< 1 min');
    expect(formatHours(0.29)).toBe('17 min');
    expect(formatHours(0.999)).toBe('1.0 h');
    expect(formatHours(6.5)).toBe('6.5 h');
  });
});
