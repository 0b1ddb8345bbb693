/** The report's days as the inputs hold them: `YYYY-MM-DD`, local, both included. */
export type ReportDays = { from: string; to: string };

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** The last 30 days up to today, as the server defaults to. */
export function defaultDays(now = new Date()): ReportDays {
  return {
    from: isoDay(new Date(now.getTime() - 30 * DAY_MS)),
    to: isoDay(now),
  };
}

/** Local midnight of `day`, `plus` days later, as ISO 8601. */
function midnight(day: string, plus = 0): string {
  const date = new Date(`${day}T00:00`);
  date.setDate(date.getDate() + plus);
  return date.toISOString();
}

/** The instants bounding the days; undefined when the days are incomplete or backwards. */
export function toRange(
  days: ReportDays,
): { from: string; to: string } | undefined {
  if (!days.from || !days.to || days.to < days.from) return undefined;
  return { from: midnight(days.from), to: midnight(days.to, 1) };
}
