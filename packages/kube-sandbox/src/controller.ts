import {
  buildPod,
  isOwnedBy,
  newPodName,
  podOwner,
  podRevision,
  templateHash,
} from './pods';
import { ObjectStore, StoreEvent } from './store';
import { Timers } from './timers';
import { KubeObject } from './types';
import {
  isScalable,
  isSettled,
  readyReplicas,
  settledStatus,
} from './workloads';

/**
 * Stands in for the deployment, statefulset and replicaset controllers: after
 * `readyDelayMs` a workload's status catches up with its spec, and its pods follow the ready
 * count. It reacts to store events, like a controller watching the API.
 */
export class WorkloadController {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly timers: Timers,
    private readonly readyDelayMs: number,
  ) {
    this.unsubscribe = store.subscribe(event => this.onEvent(event));
  }

  stop(): void {
    this.unsubscribe();
  }

  private onEvent({ type, kind, object }: StoreEvent): void {
    if (isScalable(kind)) {
      if (type !== 'DELETED') this.scheduleSettle(object);
      this.reconcilePods(
        kind,
        object,
        type === 'DELETED' ? 0 : readyReplicas(object),
      );
    } else if (kind === 'Pod' && type === 'DELETED') {
      // A deleted pod comes back, as its ReplicaSet or StatefulSet would recreate it.
      const owner = podOwner(object);
      const workload =
        owner &&
        this.store.get(owner.kind, object.metadata.namespace, owner.name);
      if (workload)
        this.reconcilePods(workload.kind, workload, readyReplicas(workload));
    }
  }

  private scheduleSettle(workload: KubeObject): void {
    if (this.readyDelayMs === 0 || isSettled(workload)) return;
    const { namespace, name, generation } = workload.metadata;
    this.timers.after(this.readyDelayMs, () => {
      const current = this.store.get(workload.kind, namespace, name ?? '');
      // A newer spec has its own timer.
      if (
        !current ||
        current.metadata.generation !== generation ||
        isSettled(current)
      )
        return;
      this.store.commit(current.kind, {
        ...current,
        status: settledStatus(current),
      });
    });
  }

  private reconcilePods(
    kind: string,
    workload: KubeObject,
    ready: number,
  ): void {
    const namespace = workload.metadata.namespace;
    const owned = this.store
      .list('Pod', namespace)
      .filter(pod => isOwnedBy(pod, workload));
    const revision = templateHash(workload);
    const outdated = owned.filter(
      pod => podRevision(pod, workload) !== revision,
    );
    const current = owned.filter(
      pod => podRevision(pod, workload) === revision,
    );
    // StatefulSets scale down from the highest ordinal.
    if (kind === 'StatefulSet') current.sort((a, b) => ordinal(a) - ordinal(b));
    const surplus = current.slice(ready);
    for (const pod of [...outdated, ...surplus]) {
      this.store.remove('Pod', namespace, pod.metadata.name ?? '');
    }
    const taken = new Set(
      current.slice(0, ready).map(pod => pod.metadata.name ?? ''),
    );
    for (let count = taken.size; count < ready; count++) {
      const podName = newPodName(workload, taken);
      taken.add(podName);
      this.store.commit('Pod', buildPod(workload, podName));
    }
  }
}

function ordinal(pod: KubeObject): number {
  return Number(pod.metadata.labels?.['apps.kubernetes.io/pod-index'] ?? 0);
}
