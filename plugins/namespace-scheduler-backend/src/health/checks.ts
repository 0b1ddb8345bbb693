import type { Knex } from 'knex';
import type { ClusterAccess } from '../clusters';
import { type ReadinessCheck } from '@namespace-scheduler/backstage-plugin-node';

/** The portal database answers a trivial query. */
export function databaseCheck(knex: Knex): ReadinessCheck {
  return {
    name: 'database',
    check: async () => {
      await knex.raw('select 1');
    },
  };
}

/**
 * Each cluster answers API discovery (`GET /apis`), which any authenticated
 * identity may read. An open circuit breaker fails it at once.
 */
export function clusterChecks(clusters: ClusterAccess): ReadinessCheck[] {
  return clusters.clusterNames().map(name => ({
    name: `cluster:${name}`,
    check: async () => {
      await clusters.get(name).apis.getAPIVersions();
    },
  }));
}
