import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import type { ClusterAccess } from '../clusters';
import { clusterChecks, databaseCheck } from './checks';
import { ReadinessService } from './ReadinessService';
import { type ReadinessCheck } from '@namespace-scheduler/backstage-plugin-node';

/** `/health/ready`: the database, every cluster, and what the stores depend on. */
export function createReadiness(deps: {
  config: Config;
  knex: Knex;
  clusters: ClusterAccess;
  checks?: ReadinessCheck[];
}): ReadinessService {
  return ReadinessService.create({
    checks: [
      databaseCheck(deps.knex),
      ...clusterChecks(deps.clusters),
      ...(deps.checks ?? []),
    ],
    timeoutMs: deps.config.getOptionalNumber(
      'namespaceScheduler.readiness.timeoutMs',
    ),
  });
}
