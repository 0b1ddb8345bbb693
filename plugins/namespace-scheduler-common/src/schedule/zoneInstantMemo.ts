/**
 * Memoizes a pure function of (IANA zone, instant), such as a zone's offset
 * or an instant's ISO text in a zone. luxon answers those through `Intl`,
 * the schedule math's largest CPU cost, and the instants asked about repeat
 * across requests (calendar days, transitions, stored timestamps). The
 * process's time-zone data never changes, so nothing goes stale; each level
 * is only bounded in size, cleared when full.
 */
export function zoneInstantMemo<T>(
  compute: (zone: string, instant: number) => T,
  limits = { instantsPerZone: 20_000, zones: 1_000 },
): (zone: string, instant: number) => T {
  const memo = new Map<string, Map<number, T>>();
  return (zone, instant) => {
    let byInstant = memo.get(zone);
    if (!byInstant) {
      if (memo.size >= limits.zones) memo.clear();
      byInstant = new Map();
      memo.set(zone, byInstant);
    }
    if (byInstant.has(instant)) return byInstant.get(instant) as T;
    const value = compute(zone, instant);
    if (byInstant.size >= limits.instantsPerZone) byInstant.clear();
    byInstant.set(instant, value);
    return value;
  };
}
