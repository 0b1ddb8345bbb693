import type { WorkloadKind } from '@namespace-scheduler/backstage-plugin-common';
import { cronJobAdapter } from './cronJobs';
import { hpaAdapter } from './hpas';
import { deploymentAdapter, statefulSetAdapter } from './replicaWorkloads';
import { scaledObjectAdapter } from './scaledObjects';
import type { KindAdapter } from './types';

export const ADAPTERS: Readonly<Record<WorkloadKind, KindAdapter>> = {
  StatefulSet: statefulSetAdapter,
  Deployment: deploymentAdapter,
  HorizontalPodAutoscaler: hpaAdapter,
  ScaledObject: scaledObjectAdapter,
  CronJob: cronJobAdapter,
};

export { deploymentWorkload, statefulSetWorkload } from './replicaWorkloads';
export { hpaWorkload } from './hpas';
export { cronJobWorkload } from './cronJobs';
export { scaledObjectWorkload } from './scaledObjects';
export type {
  KindAdapter,
  Workload,
  WorkloadRef,
  WorkloadState,
} from './types';
