import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_COST_CENTERS,
  ANNOTATION_SCHEDULE,
  DeclaredSchedule,
  formatNamespaceRef,
  getEntityCostCenters,
  getEntityNamespaceRefs,
  NamespaceRef,
  parseNamespaceRef,
  parseScheduleAnnotation,
} from '@namespace-scheduler/backstage-plugin-common';

/** What the checks need from config. */
export type ScheduleCheckContext = {
  /** Names under `namespaceScheduler.holidayCalendars`. */
  holidayCalendars: string[];
  /** `namespaceScheduler.defaultCluster`: where a ref naming no cluster is. */
  defaultCluster?: string;
};

/**
 * Everything wrong with an entity's `namespace-scheduler/schedule`
 * annotation: entries that do not parse, targets the entity does not claim,
 * unknown holiday calendars and cost centers it may not charge. Empty when
 * the annotation is absent or good.
 */
export function scheduleAnnotationProblems(
  entity: Entity,
  context: ScheduleCheckContext,
): string[] {
  const value = entity.metadata.annotations?.[ANNOTATION_SCHEDULE];
  if (value === undefined) return [];
  const { schedules, problems } = parseScheduleAnnotation(value);
  return [
    ...problems.map(problem => problem.message),
    ...schedules.flatMap(schedule =>
      referenceProblems(entity, schedule, context).map(
        message => `'${schedule.text}': ${message}`,
      ),
    ),
  ];
}

function referenceProblems(
  entity: Entity,
  schedule: DeclaredSchedule,
  context: ScheduleCheckContext,
): string[] {
  return [
    targetProblem(entity, schedule, context),
    holidaysProblem(schedule, context),
    chargeProblem(entity, schedule),
  ].filter((problem): problem is string => problem !== undefined);
}

/** Groups claim no namespaces: their entries apply to their entities' namespaces. */
function targetProblem(
  entity: Entity,
  { target }: DeclaredSchedule,
  { defaultCluster }: ScheduleCheckContext,
): string | undefined {
  const ref = target === undefined ? undefined : parseNamespaceRef(target);
  if (!ref || entity.kind.toLowerCase() === 'group') return undefined;
  const claimed = getEntityNamespaceRefs(entity);
  if (claimed.some(claim => sameNamespace(claim, ref, defaultCluster))) {
    return undefined;
  }
  const list = claimed.map(formatNamespaceRef).join(', ') || 'none';
  return `target '${target}' is not a namespace the entity claims (${list})`;
}

/**
 * Without a configured default cluster a ref naming no cluster matches the
 * namespace on any cluster: the backend's fallback (its first cluster) is
 * not known here.
 */
function sameNamespace(
  a: NamespaceRef,
  b: NamespaceRef,
  defaultCluster: string | undefined,
): boolean {
  const clusterA = a.cluster ?? defaultCluster;
  const clusterB = b.cluster ?? defaultCluster;
  return (
    a.namespace === b.namespace &&
    (clusterA === undefined || clusterB === undefined || clusterA === clusterB)
  );
}

function holidaysProblem(
  { holidays }: DeclaredSchedule,
  { holidayCalendars }: ScheduleCheckContext,
): string | undefined {
  if (holidays === undefined || holidayCalendars.includes(holidays)) {
    return undefined;
  }
  const known = holidayCalendars.join(', ') || 'none';
  return `unknown holiday calendar '${holidays}' (namespaceScheduler.holidayCalendars: ${known})`;
}

/**
 * Only against the entity's own list: what an owner Group lets it charge is
 * the backend's to decide, with the catalog.
 */
function chargeProblem(
  entity: Entity,
  { cost_center }: DeclaredSchedule,
): string | undefined {
  const own = getEntityCostCenters(entity);
  if (cost_center === undefined || own.length === 0) return undefined;
  if (own.includes(cost_center)) return undefined;
  return `charge '${cost_center}' is not one of the entity's ${ANNOTATION_COST_CENTERS} (${own.join(
    ', ',
  )})`;
}
