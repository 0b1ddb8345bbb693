import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  NamespaceStatus,
  operationProgressChannel,
  OperationProgressSignal,
} from '@namespace-scheduler/backstage-plugin-common';
import { useCallback, useEffect, useState } from 'react';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';

/** How often the namespace's state is read while running without signals. */
export const POLL_INTERVAL_MS = 1_000;

export type OperationProgress = {
  /** Whether steps arrive live (the portal has signals); else `status` is polled. */
  live: boolean;
  /** Each workload's latest step, in the order they were first reported. */
  workloads: OperationProgressSignal[];
  done?: number;
  total?: number;
  /** Without signals: the namespace's state, read while the operation runs. */
  status?: NamespaceStatus;
  pollError?: Error;
  /** Forgets what an earlier attempt reported. */
  reset: () => void;
};

function latestPerWorkload(
  signals: OperationProgressSignal[],
): OperationProgressSignal[] {
  const byWorkload = new Map<string, OperationProgressSignal>();
  for (const signal of signals) {
    byWorkload.set(`${signal.kind}/${signal.name}`, signal);
  }
  return [...byWorkload.values()];
}

/**
 * Every signal of the operation's channel. Subscribed from the start (before
 * the request is sent) and accumulated here: `useSignal` keeps only the last
 * message, and steps arriving in quick succession would be lost between
 * renders.
 */
function useProgressSignals(progressId: string) {
  const signalApi = useApiHolder().get(signalApiRef);
  const [signals, setSignals] = useState<OperationProgressSignal[]>([]);
  useEffect(() => {
    if (!signalApi) return undefined;
    const subscription = signalApi.subscribe<OperationProgressSignal>(
      operationProgressChannel(progressId),
      message => setSignals(current => [...current, message]),
    );
    return () => subscription.unsubscribe();
  }, [signalApi, progressId]);
  const reset = useCallback(() => setSignals([]), []);
  return { live: Boolean(signalApi), signals, reset };
}

/** Without signals: the namespace's live state every second while `running`. */
function useStatusPolling(
  target: NamespaceLocator,
  running: boolean,
): { status?: NamespaceStatus; error?: Error } {
  const api = useApi(namespaceSchedulerApiRef);
  const [polled, setPolled] = useState<{
    status?: NamespaceStatus;
    error?: Error;
  }>({});
  const { cluster, namespace } = target;
  useEffect(() => {
    if (!running) return undefined;
    let cancelled = false;
    const read = () =>
      api.getNamespace({ cluster, namespace }).then(
        status => !cancelled && setPolled({ status }),
        error => !cancelled && setPolled(current => ({ ...current, error })),
      );
    read();
    const timer = setInterval(read, POLL_INTERVAL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api, cluster, namespace, running]);
  return polled;
}

/**
 * An operation's progress as it runs: each workload's step from signals, or,
 * when the portal has no signals, the namespace's state polled meanwhile.
 */
export function useOperationProgress(
  progressId: string,
  target: NamespaceLocator,
  running: boolean,
): OperationProgress {
  const { live, signals, reset } = useProgressSignals(progressId);
  const polled = useStatusPolling(target, running && !live);
  const last = signals[signals.length - 1];
  return {
    live,
    workloads: latestPerWorkload(signals),
    done: last?.done,
    total: last?.total,
    status: polled.status,
    pollError: polled.error,
    reset,
  };
}
