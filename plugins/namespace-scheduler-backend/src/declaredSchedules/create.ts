import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { NamespaceChangePublisher } from '../namespaceChanges';
import type { ValidCostCenters } from '../costCenters';
import type { NamespaceAuthorizer } from '../permissions';
import type { ScheduleSaveGuard, ScheduleStore } from '../schedules';
import { ScheduleValidator } from '../schedules/ScheduleValidator';
import type { Clock } from '../time/Clock';
import { readHolidayCalendars, readReconcileSchedule } from './config';
import { DeclaredScheduleReconciler } from './DeclaredScheduleReconciler';
import { DeclaredScheduleService } from './DeclaredScheduleService';
import { DeclaringEntities } from './DeclaringEntities';
import { KnexDeclaredScheduleStore } from './KnexDeclaredScheduleStore';
import { DefaultCostCenter } from './resolveEntries';

/**
 * Schedules declared in the catalog: the reconciler (run as a scheduled
 * task every `namespaceScheduler.catalogSchedules.frequency`), and the
 * service behind `GET /declared-schedules`.
 */
export function createDeclaredSchedules(deps: {
  config: Config;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  claims: Pick<
    NamespaceCatalog,
    'namespacesOf' | 'getEntity' | 'claimOf' | 'refresh'
  >;
  knex: Knex;
  store: ScheduleStore;
  clusterNames: () => string[];
  saveGuards: ScheduleSaveGuard[];
  costCenters: Pick<ValidCostCenters, 'declaredFor'>;
  authorizer: NamespaceAuthorizer;
  changes?: Pick<NamespaceChangePublisher, 'publish'>;
  clock?: Clock;
}) {
  const { claims, authorizer } = deps;
  const declared = KnexDeclaredScheduleStore.create(deps);
  const reconciler = DeclaredScheduleReconciler.create({
    ...deps,
    entities: DeclaringEntities.create({ ...deps, namespaces: claims }),
    declared,
    validator: ScheduleValidator.create({ ...deps, catalog: claims }),
    calendars: readHolidayCalendars(deps.config),
    defaultCostCenter: firstCostCenterOf(deps.costCenters),
    refreshCatalog: () => claims.refresh(),
  });
  return {
    reconciler,
    reconcileSchedule: readReconcileSchedule(deps.config),
    service: DeclaredScheduleService.create({
      catalog: claims,
      authorizer,
      store: declared,
    }),
  };
}

/** The first cost center valid for the namespace that the entity declares or inherits. */
function firstCostCenterOf(
  costCenters: Pick<ValidCostCenters, 'declaredFor'>,
): DefaultCostCenter {
  return async (entityRef, ref) => {
    const declared = await costCenters.declaredFor(ref);
    return declared.find(({ declaredBy }) =>
      declaredBy.some(d => d.entity_ref === entityRef),
    )?.costCenter;
  };
}
