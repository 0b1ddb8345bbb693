import { normalizeTimeZone, toInstant, toWall } from './zonedTime';

const wall = (iso: string) => Date.parse(`${iso}Z`);
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('wall clock ↔ instant', () => {
  it('maps ordinary times both ways', () => {
    expect(toInstant('Europe/Madrid', wall('2026-11-23T07:00'))).toBe(
      utc('2026-11-23T06:00'),
    );
    expect(toWall('Europe/Madrid', utc('2026-07-01T05:00'))).toBe(
      wall('2026-07-01T07:00'),
    );
  });

  it('places a time skipped by a spring-forward at the end of the gap', () => {
    // Madrid jumps from 02:00 CET to 03:00 CEST on 2026-03-29 (01:00Z).
    expect(toInstant('Europe/Madrid', wall('2026-03-29T02:30'))).toBe(
      utc('2026-03-29T01:00'),
    );
    // New York jumps 02:00 → 03:00 EDT on 2026-03-08 (07:00Z).
    expect(toInstant('America/New_York', wall('2026-03-08T02:59'))).toBe(
      utc('2026-03-08T07:00'),
    );
    // Lord Howe shifts by 30 minutes: 02:00 → 02:30 on 2026-10-04.
    expect(toInstant('Australia/Lord_Howe', wall('2026-10-04T02:15'))).toBe(
      toInstant('Australia/Lord_Howe', wall('2026-10-04T02:30')),
    );
  });

  it('places a time repeated by a fall-back at its first occurrence', () => {
    // Madrid goes back from 03:00 CEST to 02:00 CET on 2026-10-25.
    expect(toInstant('Europe/Madrid', wall('2026-10-25T02:30'))).toBe(
      utc('2026-10-25T00:30'),
    );
    expect(toWall('Europe/Madrid', utc('2026-10-25T01:30'))).toBe(
      wall('2026-10-25T02:30'),
    );
  });

  it('answers the same once its zone offsets are memoized', () => {
    // The same wall times in two zones sharing instants: the memo is per zone.
    const walls = ['2026-03-29T02:30', '2026-10-25T02:30', '2026-07-01T07:00'];
    const first = walls.flatMap(w => [
      toInstant('Europe/Madrid', wall(w)),
      toInstant('America/New_York', wall(w)),
    ]);
    const again = walls.flatMap(w => [
      toInstant('Europe/Madrid', wall(w)),
      toInstant('America/New_York', wall(w)),
    ]);
    expect(again).toEqual(first);
    expect(first.slice(0, 2)).toEqual([
      utc('2026-03-29T01:00'),
      utc('2026-03-29T06:30'),
    ]);
  });

  it('knows IANA zones and nothing else', () => {
    expect(normalizeTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    expect(normalizeTimeZone('europe/madrid')).toBe('Europe/Madrid');
    expect(normalizeTimeZone('UTC')).toBe('UTC');
    expect(normalizeTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(normalizeTimeZone('+02:00')).toBeUndefined();
    expect(normalizeTimeZone('')).toBeUndefined();
  });
});
