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
  DEPLOYMENT_REVISION,
  hasStatus,
  isScalable,
  observedStatus,
  readyReplicas,
  specReplicasOf,
} from './workloads';

/**
 * Stands in for the deployment, statefulset and replicaset controllers. Like
 * them it reacts to changes after the write that made them has been answered
 * (a write's response carries the status as the controller last wrote it):
 * `controllerDelayMs` later (default 0: the next turn) it observes the new
 * spec (`observedGeneration`, the replica counters, the Deployment's revision
 * annotation); the replicas are ready then when `readyDelayMs` is 0, else
 * `readyDelayMs` later (scaling down is immediate: pods without a node go at
 * once). Pods follow the ready count.
 */
export class WorkloadController {
  private readonly unsubscribe: () => void;
  private readonly observing = new Set<string>();
  private readonly settling = new Set<string>();
  /** Deployment uid → the template hash of its current revision, and that revision. */
  private readonly revisions = new Map<
    string,
    { hash: string; revision: number }
  >();

  private readonly readyDelayMs: number;
  private readonly controllerDelayMs: number;

  constructor(
    private readonly store: ObjectStore,
    private readonly timers: Timers,
    delays: { readyDelayMs: number; controllerDelayMs: number },
  ) {
    this.readyDelayMs = delays.readyDelayMs;
    this.controllerDelayMs = delays.controllerDelayMs;
    this.unsubscribe = store.subscribe(event => this.onEvent(event));
  }

  stop(): void {
    this.unsubscribe();
  }

  private onEvent({ type, kind, object }: StoreEvent): void {
    if (isScalable(kind)) {
      if (type === 'DELETED') {
        this.revisions.delete(object.metadata.uid ?? '');
      } else if (!this.isCurrent(object)) {
        this.scheduleObserve(object);
      }
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

  /** The replicas ready once the controller has seen the spec, before new pods get ready. */
  private readyOnObserve(workload: KubeObject): number {
    const wanted = specReplicasOf(workload);
    return this.readyDelayMs === 0
      ? wanted
      : Math.min(readyReplicas(workload), wanted);
  }

  /**
   * The controller has seen this spec (`observedGeneration`) and, for a
   * Deployment, numbered its template. A status written with the current
   * observedGeneration (store.put in a test) is left as it is.
   */
  private isCurrent(workload: KubeObject): boolean {
    return (
      isObserved(workload) &&
      (workload.kind !== 'Deployment' ||
        workload.metadata.annotations?.[DEPLOYMENT_REVISION] ===
          this.revisionOf(workload))
    );
  }

  /** The Deployment's revision: the one stored, one more on each new template. */
  private revisionOf(workload: KubeObject): string {
    const uid = workload.metadata.uid ?? '';
    const hash = templateHash(workload);
    const known = this.revisions.get(uid);
    if (!known) {
      const stored = Number(
        workload.metadata.annotations?.[DEPLOYMENT_REVISION],
      );
      const revision = Number.isInteger(stored) && stored > 0 ? stored : 1;
      this.revisions.set(uid, { hash, revision });
      return String(revision);
    }
    if (known.hash !== hash) {
      known.hash = hash;
      known.revision += 1;
    }
    return String(known.revision);
  }

  private scheduleObserve(workload: KubeObject): void {
    const { namespace, name = '', uid = '' } = workload.metadata;
    if (this.observing.has(uid)) return;
    this.observing.add(uid);
    this.timers.after(this.controllerDelayMs, () => {
      this.observing.delete(uid);
      const current = this.store.get(workload.kind, namespace, name);
      if (current?.metadata.uid === uid) this.observe(current);
    });
  }

  private observe(current: KubeObject): void {
    if (this.isCurrent(current)) return;
    const seen = isObserved(current);
    const ready = this.readyOnObserve(current);
    const annotations =
      current.kind === 'Deployment'
        ? {
            ...current.metadata.annotations,
            [DEPLOYMENT_REVISION]: this.revisionOf(current),
          }
        : current.metadata.annotations;
    this.store.commit(current.kind, {
      ...current,
      metadata: { ...current.metadata, annotations },
      status: seen ? current.status : observedStatus(current, ready),
    });
    if (!seen && ready < specReplicasOf(current)) this.scheduleSettle(current);
  }

  /** After `readyDelayMs` every replica of this generation is ready. */
  private scheduleSettle(workload: KubeObject): void {
    const { namespace, name = '', uid = '', generation } = workload.metadata;
    const key = `${uid}/${generation}`;
    if (this.settling.has(key)) return;
    this.settling.add(key);
    this.timers.after(this.readyDelayMs, () => {
      this.settling.delete(key);
      const current = this.store.get(workload.kind, namespace, name);
      // A newer spec has its own timer.
      if (
        current?.metadata.uid !== uid ||
        current.metadata.generation !== generation ||
        hasStatus(current, specReplicasOf(current))
      )
        return;
      this.store.commit(current.kind, {
        ...current,
        status: observedStatus(current, specReplicasOf(current)),
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

/** The status reports the current generation as observed. */
function isObserved(workload: KubeObject): boolean {
  const observed = (workload.status as { observedGeneration?: unknown })
    ?.observedGeneration;
  return (
    typeof observed === 'number' &&
    observed >= (workload.metadata.generation ?? 0)
  );
}

function ordinal(pod: KubeObject): number {
  return Number(pod.metadata.labels?.['apps.kubernetes.io/pod-index'] ?? 0);
}
