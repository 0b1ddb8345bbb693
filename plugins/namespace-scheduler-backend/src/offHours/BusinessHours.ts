import {
  BusinessHoursSpec,
  businessHoursTiming,
  formatDateTime,
  gapsBetween,
  Interval,
  weeklyIntervals,
  WeeklyTiming,
} from '@namespace-scheduler/backstage-plugin-common';

const DAY_MS = 86_400_000;
/** Business hours recur weekly: a week and a day each way finds the neighbours of any instant. */
const AROUND_MS = 8 * DAY_MS;
/** How far beyond what was asked the memoized intervals reach, so most calls reuse them. */
const MEMO_SLACK_MS = 14 * DAY_MS;

/** An off-hours period: from the end of business hours to their next start (Infinity: never). */
export type OffHoursPeriod = { start: number; end: number };

/**
 * Business hours as a weekly window in their time zone (DST-correct through
 * the common package's schedule math). An `end` at or before `start` runs
 * overnight; `00:00`–`24:00` on every day means there are no off-hours.
 */
export class BusinessHours {
  static create(spec: BusinessHoursSpec): BusinessHours {
    return new BusinessHours(spec);
  }

  private readonly timing: WeeklyTiming;
  /**
   * Business intervals depend only on the spec: every status request asks
   * about "now", so they are computed once for a month around it and reused.
   */
  private memo?: { from: number; to: number; intervals: Interval[] };

  private constructor(readonly spec: BusinessHoursSpec) {
    this.timing = businessHoursTiming(spec);
  }

  /** The off-hours period around `at`; undefined during business hours. */
  offHoursAt(at: number): OffHoursPeriod | undefined {
    const around = this.businessAround(at);
    if (around.some(interval => interval.start <= at && at < interval.end)) {
      return undefined;
    }
    const before = around.filter(interval => interval.end <= at).pop();
    const after = around.find(interval => interval.start > at);
    // Without any business hours, one period spans all time.
    return { start: before?.end ?? 0, end: after?.start ?? Infinity };
  }

  /** The current off-hours period, else the next; undefined when business hours never end. */
  currentOrNextOffHours(at: number): OffHoursPeriod | undefined {
    const [next] = this.offHoursBetween(at, at + AROUND_MS);
    return next && this.offHoursAt(next.start);
  }

  /** The off-hours intervals within [from, to), in order. */
  offHoursBetween(from: number, to: number): Interval[] {
    return gapsBetween(this.businessBetween(from, to), from, to);
  }

  /** Business intervals covering at least a week and a day each side of `at`. */
  private businessAround(at: number): Interval[] {
    return this.businessBetween(at - AROUND_MS, at + AROUND_MS);
  }

  /** Business intervals overlapping [from, to), from the memo when it covers them. */
  private businessBetween(from: number, to: number): Interval[] {
    if (!this.memo || from < this.memo.from || this.memo.to < to) {
      const span = { from: from - MEMO_SLACK_MS, to: to + MEMO_SLACK_MS };
      this.memo = {
        ...span,
        intervals: weeklyIntervals(this.timing, span.from, span.to),
      };
    }
    return this.memo.intervals.filter(i => i.end > from && i.start < to);
  }

  /** An instant in the business hours' zone, e.g. 2026-11-23T20:00:00.000+01:00. */
  format(at: number): string {
    return formatDateTime(at, this.spec.time_zone);
  }

  /** `mon,tue,wed,thu,fri 07:00–20:00 Europe/Madrid` */
  describe(): string {
    const { days, start, end, time_zone } = this.spec;
    return `${days.join(',') || 'no days'} ${start}–${end} ${time_zone}`;
  }
}
