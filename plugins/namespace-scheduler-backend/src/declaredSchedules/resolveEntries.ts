import {
  DeclaredSchedule,
  DeclaredScheduleState,
  formatNamespaceRef,
  ManagedNamespaceRef,
  parseScheduleAnnotation,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import type { DeclaredRecord } from '../schedules';
import type { HolidayCalendars } from './config';
import type { DeclaringEntity } from './DeclaringEntities';

/** What a state says about the entry it is for, before its outcome is known. */
export type StateBase = Omit<DeclaredScheduleState, 'status' | 'checked_at'>;

/** One entry on one namespace: the schedule to store, or why there is none. */
export type ResolvedEntry = {
  key: string;
  base: StateBase;
  declared: DeclaredRecord;
} & ({ input: ScheduleInput } | { problem: string });

/**
 * An entity's annotation as schedules: `entries` when every entry parses and
 * names what exists, else `invalid` (one state per problem), which leaves
 * its stored schedules as they are.
 */
export type Resolution =
  | { entries: ResolvedEntry[] }
  | { invalid: DeclaredScheduleState[] };

/** The first cost center `entityRef` may charge on the namespace, if any. */
export type DefaultCostCenter = (
  entityRef: string,
  ref: ManagedNamespaceRef,
) => Promise<string | undefined>;

const MAX_TITLE = 200;

/**
 * Resolves each entry to a weekly schedule per namespace it targets (its
 * `target`, else every namespace the entity claims), charged to its
 * `charge` clause or the entity's first cost center, suspended on its
 * `except` dates and its holiday calendar's.
 */
export async function resolveEntries(
  entity: DeclaringEntity,
  options: {
    calendars: HolidayCalendars;
    defaultCostCenter: DefaultCostCenter;
    checkedAt: string;
  },
): Promise<Resolution> {
  const { schedules, problems } = parseScheduleAnnotation(entity.annotation);
  const declaration = {
    entity_ref: entity.declaredBy,
    ...(entity.sourceUrl && { source_url: entity.sourceUrl }),
  };
  const invalid = [
    ...problems.map(p => ({ text: p.entry, message: p.message })),
    ...schedules.flatMap(s => namingProblems(s, entity, options.calendars)),
  ].map(problem => ({
    ...declaration,
    ...problem,
    status: 'invalid' as const,
    checked_at: options.checkedAt,
  }));
  if (invalid.length > 0) return { invalid };

  const entries = await Promise.all(
    schedules.flatMap((schedule, index) =>
      targetsOf(schedule, entity).map(async ref => {
        const declared: DeclaredRecord = {
          ...declaration,
          text: schedule.text,
          key: `${entity.declaredBy}|${formatNamespaceRef(ref)}|${index}`,
        };
        const base = { ...declaration, text: schedule.text, ...ref };
        const costCenter =
          schedule.cost_center ??
          (await options.defaultCostCenter(entity.entityRef, ref));
        if (!costCenter) {
          return {
            key: declared.key,
            base,
            declared,
            problem: `${
              entity.entityRef
            } may charge no cost center on ${formatNamespaceRef(
              ref,
            )}: add 'charge <cost center>' to the entry or declare namespace-scheduler/cost-centers`,
          };
        }
        const input = inputOf(schedule, ref, costCenter, options.calendars);
        return { key: declared.key, base, declared, input };
      }),
    ),
  );
  return { entries };
}

function inputOf(
  schedule: DeclaredSchedule,
  ref: ManagedNamespaceRef,
  costCenter: string,
  calendars: HolidayCalendars,
): ScheduleInput {
  const holidays = schedule.holidays
    ? calendars.get(schedule.holidays) ?? []
    : [];
  const exceptDates = [
    ...new Set([...(schedule.timing.except_dates ?? []), ...holidays]),
  ].sort();
  return {
    title: schedule.text.slice(0, MAX_TITLE),
    cluster: ref.cluster,
    namespace: ref.namespace,
    cost_center: costCenter,
    ...schedule.timing,
    ...(exceptDates.length > 0 && { except_dates: exceptDates }),
  };
}

/** The claimed namespaces an entry is for: its target's, else all of them. */
function targetsOf(
  schedule: DeclaredSchedule,
  entity: DeclaringEntity,
): ManagedNamespaceRef[] {
  const { target } = schedule;
  if (!target) return entity.namespaces;
  return entity.namespaces.filter(ref =>
    target.includes('/')
      ? formatNamespaceRef(ref) === target
      : ref.namespace === target,
  );
}

/** An unknown holiday calendar or a namespace the entity does not claim. */
function namingProblems(
  schedule: DeclaredSchedule,
  entity: DeclaringEntity,
  calendars: HolidayCalendars,
): Array<{ text: string; message: string }> {
  const problems: string[] = [];
  if (schedule.holidays && !calendars.has(schedule.holidays)) {
    const known = [...calendars.keys()].join(', ') || 'none';
    problems.push(
      `unknown holiday calendar '${schedule.holidays}' (namespaceScheduler.holidayCalendars: ${known})`,
    );
  }
  if (schedule.target && targetsOf(schedule, entity).length === 0) {
    const claimed = entity.namespaces.map(formatNamespaceRef).join(', ');
    problems.push(
      `${entity.entityRef} does not claim namespace '${
        schedule.target
      }' (it claims ${claimed || 'none'})`,
    );
  }
  return problems.map(message => ({
    text: schedule.text,
    message: `'${schedule.text}': ${message}`,
  }));
}
