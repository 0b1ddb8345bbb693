const MINUTE = 1 / 60;

/** Tick steps of the hours axis: whole minutes below an hour, then hours that divide a day. */
const STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  1,
  2,
  3,
  4,
  6,
  12,
  24,
];
const MAX_TICKS = 5;

/**
 * The hours axis's ticks from 0 to the first step at or above `maxHours`: at
 * most five steps, each a whole number of minutes or hours (never "0.00285 h").
 */
export function hourTicks(maxHours: number): number[] {
  const step =
    STEPS.find(s => maxHours / s <= MAX_TICKS) ??
    24 * Math.ceil(maxHours / 24 / MAX_TICKS);
  // A float's rounding must not add a step: 0.05 / (1/60) is 3.0000000000000004.
  const count = Math.max(1, Math.ceil(maxHours / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}

/** A tick: `0`, `15 min`, `1.5 h`, `24 h`. */
export function formatTick(hours: number): string {
  if (hours === 0) return '0';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  return `${Number(hours.toFixed(1))} h`;
}

/** A duration in hours as people read it: `0 h`, `< 1 min`, `17 min`, `6.5 h`. */
export function formatHours(hours: number): string {
  if (hours <= 0) return '0 h';
  const minutes = Math.round(hours * 60);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  return `${hours.toFixed(1)} h`;
}
