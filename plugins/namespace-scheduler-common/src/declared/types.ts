import { WeeklyTiming } from '../schedule/types';

/**
 * One entry of a `namespace-scheduler/schedule` annotation, as parsed: awake
 * on `timing`'s days and hours, asleep otherwise.
 *
 * @public
 */
export type DeclaredSchedule = {
  /** The entry as written, trimmed. */
  text: string;
  /** `[cluster/]namespace` the entry is for; none: every namespace the entity claims. */
  target?: string;
  timing: WeeklyTiming;
  /** A named holiday calendar (`namespaceScheduler.holidayCalendars.<name>`): no wake on its dates. */
  holidays?: string;
  /** The `charge` clause; none: the first cost center the entity may charge. */
  cost_center?: string;
};

/**
 * An entry of the annotation that does not parse.
 *
 * @public
 */
export type DeclaredScheduleProblem = { entry: string; message: string };

/** @public */
export type ScheduleAnnotationParse = {
  schedules: DeclaredSchedule[];
  problems: DeclaredScheduleProblem[];
};

/**
 * Where a stored schedule was declared; absent for schedules made in the UI
 * or through the API. Such a schedule is changed in the entity's
 * catalog-info.yaml, not here.
 *
 * @public
 */
export type ScheduleDeclaration = {
  /** The entity whose annotation declares it (a Component, System or Group). */
  entity_ref: string;
  /** The annotation's entry. */
  text: string;
  /** Where to edit it: the entity's `backstage.io/edit-url` or source location. */
  source_url?: string;
};

/**
 * What became of one declared entry on one namespace at the last
 * reconciliation.
 *
 * @public
 */
export type DeclaredScheduleState = ScheduleDeclaration & {
  cluster?: string;
  namespace?: string;
  /**
   * `applied`: stored as schedule `schedule_id`; `conflict`: refused because
   * it contradicts another schedule (`conflicts_with`) or a rule (`message`),
   * the stored schedules are left as they are; `invalid`: the entry does not
   * parse or names something unknown (`message`).
   */
  status: 'applied' | 'conflict' | 'invalid';
  schedule_id?: string;
  message?: string;
  conflicts_with?: { schedule_id: string; title: string };
  /** ISO 8601, UTC. */
  checked_at: string;
};
