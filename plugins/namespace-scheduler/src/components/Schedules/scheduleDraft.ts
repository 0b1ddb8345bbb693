import {
  parseDateTime,
  Schedule,
  ScheduleInput,
  ScheduleKind,
  ScheduleOperation,
  toWall,
  Weekday,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { browserTimeZone } from '../common';

/**
 * What the schedule form edits: every kind's fields at once (switching kind
 * keeps what was typed), as the inputs hold them. Date-times are
 * `YYYY-MM-DDTHH:mm` local to `zone`.
 */
export type ScheduleDraft = {
  kind: ScheduleKind;
  title: string;
  cost_center: string;
  zone: string;
  cron: string;
  /** A cron task's operation; none until the user picks one (no default). */
  operation: ScheduleOperation | '';
  replicas: string;
  /** What an override holds. */
  hold: 'wake' | 'sleep';
  days: Weekday[];
  from: string;
  to: string;
  start: string;
  end: string;
  until: string;
  except_dates: string[];
};

/** The fields of a schedule, as the server names them in errors. */
export const SCHEDULE_FIELDS = [
  'kind',
  'title',
  'cost_center',
  'zone',
  'cron',
  'operation',
  'replicas',
  'days',
  'from',
  'to',
  'start',
  'end',
  'until',
  'except_dates',
] as const;

export function newDraft(): ScheduleDraft {
  return {
    kind: 'weekly',
    title: '',
    cost_center: '',
    zone: browserTimeZone(),
    cron: '0 8 * * 1-5',
    operation: '',
    replicas: '',
    hold: 'wake',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    from: '08:00',
    to: '19:00',
    start: '',
    end: '',
    until: '',
    except_dates: [],
  };
}

/** An ISO 8601 date-time as the `datetime-local` input shows it in `zone`. */
function toLocalInput(value: string | undefined, zone: string): string {
  if (!value) return '';
  const instant = parseDateTime(value, zone);
  if (Number.isNaN(instant)) return value;
  return new Date(toWall(zone, instant)).toISOString().slice(0, 16);
}

export function draftOf(schedule: Schedule): ScheduleDraft {
  const draft: ScheduleDraft = {
    ...newDraft(),
    kind: schedule.kind,
    title: schedule.title,
    cost_center: schedule.cost_center,
    zone: schedule.zone,
  };
  switch (schedule.kind) {
    case 'cron':
      return {
        ...draft,
        cron: schedule.cron,
        operation: schedule.operation,
        replicas:
          schedule.replicas === undefined ? '' : String(schedule.replicas),
        except_dates: schedule.except_dates ?? [],
      };
    case 'weekly':
      return {
        ...draft,
        days: schedule.days,
        from: schedule.from,
        to: schedule.to,
        except_dates: schedule.except_dates ?? [],
      };
    case 'window':
      return {
        ...draft,
        start: toLocalInput(schedule.start, schedule.zone),
        end: toLocalInput(schedule.end, schedule.zone),
      };
    default:
      return {
        ...draft,
        hold: schedule.operation,
        until: toLocalInput(schedule.until, schedule.zone),
      };
  }
}

const optionalList = (values: string[]) => (values.length ? values : undefined);

/** The request body for the draft's kind (checked by the common validation next). */
export function inputOf(
  draft: ScheduleDraft & { operation: ScheduleOperation },
  target: NamespaceLocator,
): ScheduleInput {
  const base = {
    title: draft.title,
    cluster: target.cluster,
    namespace: target.namespace,
    cost_center: draft.cost_center,
    zone: draft.zone,
  };
  switch (draft.kind) {
    case 'cron':
      return {
        ...base,
        kind: 'cron',
        cron: draft.cron,
        operation: draft.operation,
        replicas:
          draft.operation === 'scale' && draft.replicas.trim() !== ''
            ? Number(draft.replicas)
            : undefined,
        except_dates: optionalList(draft.except_dates),
      };
    case 'weekly':
      return {
        ...base,
        kind: 'weekly',
        days: draft.days,
        from: draft.from,
        to: draft.to,
        except_dates: optionalList(draft.except_dates),
      };
    case 'window':
      return { ...base, kind: 'window', start: draft.start, end: draft.end };
    default:
      return {
        ...base,
        kind: 'override',
        operation: draft.hold,
        until: draft.until || undefined,
      };
  }
}
