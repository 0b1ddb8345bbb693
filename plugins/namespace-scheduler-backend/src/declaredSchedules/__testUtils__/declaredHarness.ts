import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { NamespaceCatalog } from '../../catalog/NamespaceCatalog';
import {
  assembleCostCenters,
  KnexCostCenterPermissionStore,
} from '../../costCenters';
import { CostCenterCatalog } from '../../costCenters/CostCenterCatalog';
import { NamespaceAuthorizer } from '../../permissions';
import { NamespaceChangePublisher } from '../../namespaceChanges';
import { ScheduleStore } from '../../schedules';
import { Clock } from '../../time/Clock';
import { createDeclaredSchedules } from '../create';

/** A Component claiming `namespaces`, owned by `owner`, with these annotations. */
export function component(
  name: string,
  namespaces: string,
  annotations: Record<string, string> = {},
  owner = 'team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'namespace-scheduler/namespaces': namespaces,
        'namespace-scheduler/cost-centers': 'CC-1001',
        'backstage.io/edit-url': `https://git.example.com/${name}/edit/catalog-info.yaml`,
        ...annotations,
      },
    },
    spec: { type: 'service', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

/** A Group with these annotations. */
export function group(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
  };
}

/**
 * The declared schedules of one backend instance over `knex`, wired as
 * createServices wires them (cost-center guard, overlap check), reading a
 * catalog of `entities` that the test may change between passes.
 */
export function declaredHarness(options: {
  knex: Knex;
  clock: Clock;
  entities: Entity[];
  store: ScheduleStore;
  holidayCalendars?: Record<string, string[]>;
  changes?: Pick<NamespaceChangePublisher, 'publish'>;
}) {
  const { knex, clock, entities, store } = options;
  const current = () => catalogServiceMock({ entities });
  const catalog = catalogServiceMock.mock({
    getEntities: (request, opts) => current().getEntities(request, opts),
    getEntitiesByRefs: (request, opts) =>
      current().getEntitiesByRefs(request, opts),
    getEntityByRef: (ref, opts) => current().getEntityByRef(ref, opts),
  });
  const auth = mockServices.auth();
  const claims = NamespaceCatalog.create({
    catalog,
    auth,
    defaultCluster: 'sandbox',
  });
  const authorizer = NamespaceAuthorizer.create({
    permissions: mockServices.permissions(),
  });
  const costCenterStore = KnexCostCenterPermissionStore.create({ knex });
  const costCenters = assembleCostCenters({
    directory: CostCenterCatalog.create({
      catalog,
      auth,
      claims,
      cacheTtlMs: 0,
    }),
    claims,
    store: costCenterStore,
    authorizer,
    defaultAuthorized: true,
  });
  const declared = createDeclaredSchedules({
    config: mockServices.rootConfig({
      data: {
        namespaceScheduler: {
          holidayCalendars: options.holidayCalendars ?? {},
        },
      },
    }),
    logger: mockServices.logger.mock(),
    auth,
    catalog,
    claims,
    knex,
    store,
    clusterNames: () => ['sandbox'],
    saveGuards: [costCenters.guard],
    costCenters: costCenters.valid,
    authorizer,
    changes: options.changes,
    clock,
  });
  return { ...declared, costCenterStore };
}
