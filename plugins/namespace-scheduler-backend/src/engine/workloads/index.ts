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

export type {
  KindAdapter,
  Workload,
  WorkloadRef,
  WorkloadState,
} from './types';
