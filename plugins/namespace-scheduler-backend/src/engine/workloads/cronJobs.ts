import type { V1CronJob } from '@kubernetes/client-node';
import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  defineAdapter,
  dryRunParam,
  fromMeta,
  listAll,
  MERGE_PATCH,
  metadataPatch,
} from './adapterKit';
import { suspendCodec } from './codecs';
import type { Workload } from './types';

/** A CronJob as the engine sees it (also used by the cluster-state cache). */
export function cronJobWorkload(object: V1CronJob): Workload {
  return {
    ...fromMeta('CronJob', object.metadata),
    level: object.spec?.suspend ? 0 : 1,
  };
}

/** CronJobs sleep by `spec.suspend`; level 1 = active, 0 = suspended. */
export const cronJobAdapter = defineAdapter<V1CronJob>({
  ...suspendCodec,
  kind: 'CronJob',
  markerAnnotation: K8S_ANNOTATIONS.originalSuspend,
  phase: 3,
  sleepLevel: () => 0,
  toWorkload: cronJobWorkload,
  patchBody: (workload, state) => ({
    metadata: metadataPatch(workload, K8S_ANNOTATIONS.originalSuspend, state),
    spec: { suspend: state.level === 0 },
  }),
  list: (client, namespace) =>
    listAll((limit, cont) =>
      client.batch.listNamespacedCronJob({ namespace, limit, _continue: cont }),
    ),
  read: (client, namespace, name) =>
    client.batch.readNamespacedCronJob({ namespace, name }),
  patch: (client, namespace, name, body, dryRun) =>
    client.batch.patchNamespacedCronJob(
      { namespace, name, body, dryRun: dryRunParam(dryRun) },
      MERGE_PATCH,
    ),
});
