import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import path from 'node:path';
import { namespaceSchedulerClustersExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';
import { namespaceSchedulerPlugin } from '../plugin';

export const SANDBOX_SEED_DIR = path.resolve(
  __dirname,
  '../../../../examples/sandbox',
);

/** Decides each permission request by name and `cluster/namespace`. */
export type TestPolicy = (
  permission: string,
  resourceRef?: string,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/** A Component owned by team-commerce claiming the given namespaces. */
export function componentClaiming(name: string, namespaces: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'namespace-scheduler/namespaces': namespaces },
    },
    spec: { type: 'service', owner: 'team-commerce' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-commerce' }],
  };
}

/** The owner of componentClaiming's components; they inherit its cost centers. */
export const TEAM_COMMERCE: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'team-commerce',
    namespace: 'default',
    annotations: { 'namespace-scheduler/cost-centers': 'CC-1001, CC-2002' },
  },
  spec: { type: 'team', children: [] },
};

/**
 * Governance that stays out of the way of tests about something else: cost
 * centers without a record are authorized, and business hours never end.
 */
export const LENIENT_GOVERNANCE = {
  costCenters: { defaultAuthorized: true },
  offHours: {
    businessHours: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '00:00',
      end: '24:00',
    },
  },
};

/** What startPluginBackend and startPluginTestBackend take. */
export interface PluginBackendOptions {
  /** The cluster named `sandbox`: the sandbox, or any cluster with a kubeconfig (the real control plane). */
  sandbox: { kubeConfigYaml(): string };
  entities: Entity[];
  policy?: TestPolicy;
  config?: JsonObject;
  database?: Knex;
  /** As `backend.database.plugin.namespace-scheduler.skipMigrations` sets it. */
  skipMigrations?: boolean;
  /** More features, e.g. a service factory replacing the signals service. */
  features?: BackendFeature[];
  /** Root config beside `namespaceScheduler`, e.g. `backend.database`. */
  rootConfig?: JsonObject;
}

/**
 * The plugin in a test backend, with the sandbox as cluster `sandbox`, a mock
 * catalog holding `entities` (and TEAM_COMMERCE), permissions decided by
 * `policy`, and `namespaceScheduler` config over LENIENT_GOVERNANCE. A
 * `database` shared by several backends makes them instances of one portal.
 * Resolves to the backend's HTTP server.
 */
export async function startPluginBackend(options: PluginBackendOptions) {
  return (await startPluginTestBackend(options)).server;
}

/** As startPluginBackend, resolving to the backend itself (to stop it). */
export async function startPluginTestBackend(options: PluginBackendOptions) {
  const sandboxCluster = createBackendModule({
    pluginId: 'namespace-scheduler',
    moduleId: 'test-sandbox',
    register(reg) {
      reg.registerInit({
        deps: { clusters: namespaceSchedulerClustersExtensionPoint },
        async init({ clusters }) {
          clusters.addCluster({
            name: 'sandbox',
            kubeConfig: options.sandbox.kubeConfigYaml(),
          });
        },
      });
    },
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: options.policy
          ? options.policy(
              r.permission.name,
              'resourceRef' in r ? r.resourceRef : undefined,
            )
          : AuthorizeResult.ALLOW,
      })),
  });
  return startTestBackend({
    features: [
      namespaceSchedulerPlugin,
      sandboxCluster,
      permissions.factory,
      catalogServiceMock.factory({
        entities: [...options.entities, TEAM_COMMERCE],
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.rootConfig,
          namespaceScheduler: {
            defaultCluster: 'sandbox',
            ...LENIENT_GOVERNANCE,
            ...options.config,
          },
        },
      }),
      ...(options.database
        ? [
            mockServices.database.factory({
              knex: options.database,
              migrations: { skip: options.skipMigrations ?? false },
            }),
          ]
        : []),
      ...(options.features ?? []),
    ],
  });
}
