/** How each schedule kind's timing is stored: the kinds share nullable columns, and only this file knows which kind fills which. */
import {
  formatDateTime,
  parseDateTime,
  Schedule,
  ScheduleOperation,
  ScheduleTiming,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';

/** PostgreSQL returns bigint columns as strings. */
export type Millis = number | string;

export type TimingColumns = {
  operation: ScheduleOperation | null;
  replicas: number | null;
  cron: string | null;
  starts_at: Millis | null;
  ends_at: Millis | null;
  days: string | null;
  from_time: string | null;
  to_time: string | null;
  except_dates: string | null;
};

const NO_TIMING: TimingColumns = {
  operation: null,
  replicas: null,
  cron: null,
  starts_at: null,
  ends_at: null,
  days: null,
  from_time: null,
  to_time: null,
  except_dates: null,
};

/** All timing columns: those of the input's kind filled, the others null. */
export function timingColumns(input: ScheduleTiming): TimingColumns {
  return { ...NO_TIMING, ...columnsOfKind(input) };
}

function columnsOfKind(input: ScheduleTiming): Partial<TimingColumns> {
  const exceptDates = (dates?: string[]) =>
    dates ? JSON.stringify(dates) : null;
  switch (input.kind) {
    case 'cron':
      return {
        cron: input.cron,
        operation: input.operation,
        replicas: input.replicas ?? null,
        except_dates: exceptDates(input.except_dates),
      };
    case 'window':
      return {
        starts_at: parseDateTime(input.start, input.zone),
        ends_at: parseDateTime(input.end, input.zone),
      };
    case 'weekly':
      return {
        days: input.days.join(','),
        from_time: input.from,
        to_time: input.to,
        except_dates: exceptDates(input.except_dates),
      };
    default:
      return {
        operation: input.operation,
        ends_at: input.until ? parseDateTime(input.until, input.zone) : null,
      };
  }
}

export function timingFromColumns(
  row: TimingColumns & { kind: Schedule['kind']; zone: string },
): ScheduleTiming {
  const zone = row.zone;
  const at = (ms: Millis | null) => formatDateTime(Number(ms), zone);
  const exceptDates = row.except_dates
    ? { except_dates: JSON.parse(row.except_dates) as string[] }
    : {};
  switch (row.kind) {
    case 'cron':
      return {
        kind: 'cron',
        zone,
        cron: row.cron ?? '',
        operation: row.operation ?? 'wake',
        ...(row.replicas !== null && { replicas: row.replicas }),
        ...exceptDates,
      };
    case 'window':
      return {
        kind: 'window',
        zone,
        start: at(row.starts_at),
        end: at(row.ends_at),
      };
    case 'weekly':
      return {
        kind: 'weekly',
        zone,
        days: WEEKDAYS.filter(day => (row.days ?? '').split(',').includes(day)),
        from: row.from_time ?? '',
        to: row.to_time ?? '',
        ...exceptDates,
      };
    default:
      return {
        kind: 'override',
        zone,
        operation: row.operation === 'sleep' ? 'sleep' : 'wake',
        ...(row.ends_at !== null && { until: at(row.ends_at) }),
      };
  }
}
