import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  V1Pod,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** Options of `startFakeKubelet`. */
export interface FakeKubeletOptions {
  /** Only pods in these namespaces (one watch each); all namespaces when absent. */
  namespaces?: string[];
  /** How long a new pod stays Pending before it is marked Running and Ready (default 0). */
  readyDelayMs?: number;
}

/** A running fake kubelet. */
export interface FakeKubelet {
  /** Stops the watches and pending status updates. */
  stop(): Promise<void>;
  /** How many pods it has marked Running and Ready so far. */
  markedCount(): number;
}

/** The API server to talk to: a kubeconfig (YAML), or a URL and a bearer token. */
export type FakeKubeletTarget =
  | string
  | { url: string; token: string; caData?: string };

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

function kubeConfigOf(target: FakeKubeletTarget): KubeConfig {
  const kc = new KubeConfig();
  if (typeof target === 'string') {
    kc.loadFromString(target);
  } else {
    kc.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: target.url,
          caData: target.caData,
          skipTLSVerify: !target.caData,
        },
      ],
      users: [{ name: 'fake-kubelet', token: target.token }],
      contexts: [{ name: 'c', cluster: 'c', user: 'fake-kubelet' }],
      currentContext: 'c',
    });
  }
  return kc;
}

/** metav1.Time: RFC 3339, whole seconds. */
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function isRunningAndReady(pod: V1Pod) {
  return (
    pod.status?.phase === 'Running' &&
    (pod.status.conditions ?? []).some(
      c => c.type === 'Ready' && c.status === 'True',
    )
  );
}

function statusCode(error: unknown): number | undefined {
  const e = error as { code?: unknown; statusCode?: unknown };
  const code = e?.code ?? e?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The status a kubelet reports for a pod whose containers all started and
 * passed their readiness probes.
 */
export function runningPodStatus(pod: V1Pod, podIP: string) {
  const t = now();
  const containerId = (name: string) =>
    `containerd://${Buffer.from(`${pod.metadata?.uid}/${name}`)
      .toString('hex')
      .slice(0, 64)}`;
  const condition = (type: string) => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: t,
  });
  return {
    phase: 'Running',
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: t,
    conditions: [
      condition('PodReadyToStartContainers'),
      condition('Initialized'),
      condition('Ready'),
      condition('ContainersReady'),
      condition('PodScheduled'),
    ],
    initContainerStatuses: (pod.spec?.initContainers ?? []).map(c =>
      c.restartPolicy === 'Always' // a sidecar: keeps running
        ? {
            name: c.name,
            image: c.image ?? '',
            imageID: '',
            containerID: containerId(c.name),
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: t } },
          }
        : {
            name: c.name,
            image: c.image ?? '',
            imageID: '',
            containerID: containerId(c.name),
            ready: true,
            started: false,
            restartCount: 0,
            state: {
              terminated: {
                exitCode: 0,
                reason: 'Completed',
                startedAt: t,
                finishedAt: t,
                containerID: containerId(c.name),
              },
            },
          },
    ),
    containerStatuses: (pod.spec?.containers ?? []).map(c => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: containerId(c.name),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: t } },
    })),
  };
}

/**
 * A stand-in for the kubelets of a cluster without nodes: watches Pods and,
 * `readyDelayMs` after one appears, patches its `status` subresource as a
 * kubelet would once every container runs and is ready (phase Running, the
 * Ready/ContainersReady/Initialized/PodScheduled conditions True, container
 * statuses, a pod IP). Each pod is marked once; a pod someone later marks
 * unready stays so. Pods stay unscheduled (no Node, no binding): the status
 * subresource does not need `spec.nodeName`, and an unscheduled pod is
 * deleted at once instead of gracefully. A pod that does carry a nodeName and
 * is being deleted gets the final delete (grace 0) a kubelet would send.
 */
export async function startFakeKubelet(
  target: FakeKubeletTarget,
  options: FakeKubeletOptions = {},
): Promise<FakeKubelet> {
  const kc = kubeConfigOf(target);
  const api = kc.makeApiClient(CoreV1Api);
  const watch = new Watch(kc);
  const readyDelayMs = options.readyDelayMs ?? 0;

  let stopped = false;
  let nextIp = 2;
  let markedTotal = 0;
  const marked = new Set<string>(); // uids marked Running+Ready
  const deleting = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const watches = new Set<AbortController>();
  const wakeUps = new Set<() => void>();

  const allocateIp = () => {
    for (;;) {
      const n = nextIp++ % 65536;
      if ((n & 255) !== 0 && (n & 255) !== 255)
        return `10.244.${n >> 8}.${n & 255}`;
    }
  };
  const track = <T>(promise: Promise<T>) => {
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  };
  const later = (uid: string, ms: number, fn: () => void) => {
    clearTimeout(timers.get(uid));
    const timer = setTimeout(() => {
      timers.delete(uid);
      if (!stopped) fn();
    }, ms);
    timer.unref?.();
    timers.set(uid, timer);
  };

  const markRunning = (pod: V1Pod, attempt: number) => {
    const uid = pod.metadata!.uid!;
    const body = runningPodStatus(pod, allocateIp());
    track(
      api.patchNamespacedPodStatus(
        {
          name: pod.metadata!.name!,
          namespace: pod.metadata!.namespace!,
          body: { metadata: { uid }, status: body },
        },
        MERGE_PATCH,
      ),
    ).then(
      () => {
        marked.add(uid);
        markedTotal++;
      },
      error => {
        const code = statusCode(error);
        // 404: gone; 409/422: a new pod of the same name (uid mismatch).
        if (code === 404 || code === 409 || code === 422) return;
        if (stopped || attempt >= 30) return;
        later(uid, Math.min(2000, 100 * 2 ** attempt), () =>
          markRunning(pod, attempt + 1),
        );
      },
    );
  };

  const finishDeletion = (pod: V1Pod) => {
    const uid = pod.metadata!.uid!;
    if (deleting.has(uid)) return;
    deleting.add(uid);
    track(
      api.deleteNamespacedPod({
        name: pod.metadata!.name!,
        namespace: pod.metadata!.namespace!,
        // In the body: with a body the apiserver ignores the query parameters.
        body: { gracePeriodSeconds: 0, preconditions: { uid } },
      }),
    ).catch(() => deleting.delete(uid));
  };

  const onEvent = (phase: string, pod: V1Pod) => {
    const uid = pod?.metadata?.uid;
    if (!uid || stopped) return;
    if (phase === 'DELETED') {
      clearTimeout(timers.get(uid));
      timers.delete(uid);
      marked.delete(uid);
      deleting.delete(uid);
      return;
    }
    if (phase !== 'ADDED' && phase !== 'MODIFIED') return;
    if (pod.metadata?.deletionTimestamp) {
      clearTimeout(timers.get(uid));
      timers.delete(uid);
      if (pod.spec?.nodeName) finishDeletion(pod);
      return;
    }
    if (marked.has(uid) || timers.has(uid) || isRunningAndReady(pod)) return;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
      return;
    later(uid, readyDelayMs, () => markRunning(pod, 0));
  };

  const sleep = (ms: number) =>
    new Promise<void>(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const wake = () => {
        clearTimeout(timer);
        wakeUps.delete(wake);
        resolve();
      };
      timer = setTimeout(wake, ms);
      wakeUps.add(wake);
    });

  /** One watch from `state.rv`; resolves when it ends (state.rv '' when it must relist). */
  const watchOnce = (
    path: string,
    state: { rv: string },
    started: () => void,
  ) =>
    new Promise<void>((resolve, reject) => {
      let controller: AbortController | undefined;
      let ended = false;
      watch
        .watch(
          path,
          {
            resourceVersion: state.rv,
            allowWatchBookmarks: true,
            timeoutSeconds: 300,
          },
          (type, obj) => {
            if (type === 'ERROR') {
              // 410 Gone: the resourceVersion is too old.
              if ((obj as { code?: number })?.code === 410) state.rv = '';
              return;
            }
            const rv = (obj as V1Pod)?.metadata?.resourceVersion;
            if (rv) state.rv = rv;
            if (type !== 'BOOKMARK') onEvent(type, obj as V1Pod);
          },
          err => {
            ended = true;
            if (controller) watches.delete(controller);
            if (err && !stopped) reject(err);
            else resolve();
          },
        )
        .then(c => {
          if (ended) return; // failed (or ended) before it was established
          controller = c;
          watches.add(c);
          if (stopped) c.abort();
          started();
        }, reject);
    });

  /** List, then watch from the list's resourceVersion; resume or relist until stopped. */
  const informer = async (
    namespace: string | undefined,
    started: (err?: unknown) => void,
  ) => {
    const path = namespace
      ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`
      : '/api/v1/pods';
    const state = { rv: '' };
    const progress = { first: true };
    const established = () => {
      if (progress.first) started();
      progress.first = false;
    };
    while (!stopped) {
      try {
        if (!state.rv) {
          const list = namespace
            ? await api.listNamespacedPod({ namespace })
            : await api.listPodForAllNamespaces();
          for (const pod of list.items) onEvent('ADDED', pod);
          state.rv = list.metadata?.resourceVersion ?? '';
        }
        await watchOnce(path, state, established);
      } catch (error) {
        if (progress.first) {
          started(error);
          return;
        }
        if (stopped) return;
        state.rv = '';
        await sleep(1000);
      }
    }
  };

  await Promise.all(
    (options.namespaces?.length ? options.namespaces : [undefined]).map(
      namespace =>
        new Promise<void>((resolve, reject) => {
          informer(namespace, err => (err ? reject(err) : resolve())).catch(
            reject,
          );
        }),
    ),
  ).catch(async error => {
    stopped = true;
    for (const controller of watches) controller.abort();
    wakeUps.forEach(wake => wake());
    throw new Error(`fake kubelet could not list and watch pods: ${error}`);
  });

  return {
    markedCount: () => markedTotal,
    async stop() {
      stopped = true;
      for (const controller of watches) controller.abort();
      watches.clear();
      wakeUps.forEach(wake => wake());
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise(r => setTimeout(r, 2000).unref?.()),
      ]);
    },
  };
}
