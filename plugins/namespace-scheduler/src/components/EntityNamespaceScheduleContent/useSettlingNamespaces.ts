import { useApi } from '@backstage/core-plugin-api';
import {
  formatNamespaceRef,
  NamespaceStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import { namespaceSchedulerApiRef } from '../../api';
import { isWaking } from '../common';

/** How often a namespace still settling is read again. */
export const SETTLING_POLL_MS = 3_000;

/** How long a namespace is read again before the tab stops (⟳ still reads it). */
export const SETTLING_POLL_LIMIT_MS = 10 * 60_000;

/** Changing on its own: awake but not all ready yet, or held by a running operation. */
const settling = (status: NamespaceStatus) =>
  isWaking(status) || status.operation?.state === 'running';

/** The later of two reads of one namespace; a poll wins a tie (it was sent later). */
const latest = (loaded: NamespaceStatus, polled?: NamespaceStatus) =>
  polled && Date.parse(polled.observedAt) >= Date.parse(loaded.observedAt)
    ? polled
    : loaded;

/**
 * The namespaces as loaded, with each one still settling (waking, or an
 * operation running on it) read again every few seconds until it settles,
 * so "Waking (3/7 ready)" becomes "Awake" without ⟳. Each namespace is
 * polled for at most `SETTLING_POLL_LIMIT_MS` per load; a failed read keeps
 * the last state and is tried again.
 */
export function useSettlingNamespaces(
  loaded: NamespaceStatus[],
): NamespaceStatus[] {
  const api = useApi(namespaceSchedulerApiRef);
  const [polled, setPolled] = useState<Record<string, NamespaceStatus>>({});
  const namespaces = useMemo(
    () =>
      loaded.map(status => latest(status, polled[formatNamespaceRef(status)])),
    [loaded, polled],
  );
  // A string, so a poll that changes only the counts keeps the timer going.
  const keys = namespaces.filter(settling).map(formatNamespaceRef).join('\n');
  // When each namespace was first seen settling since the last load.
  const since = useRef<{ load: unknown; at: Map<string, number> }>({
    load: loaded,
    at: new Map(),
  });

  useEffect(() => {
    const list = keys ? keys.split('\n') : [];
    const seen = since.current;
    if (seen.load !== loaded) seen.at.clear();
    seen.load = loaded;
    for (const key of [...seen.at.keys()]) {
      if (!list.includes(key)) seen.at.delete(key);
    }
    for (const key of list) {
      if (!seen.at.has(key)) seen.at.set(key, Date.now());
    }
    if (list.length === 0) return undefined;

    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async (key: string) => {
      const target = loaded.find(status => formatNamespaceRef(status) === key);
      if (!target) return;
      try {
        const { cluster, namespace } = target;
        const status = await api.getNamespace({ cluster, namespace });
        if (!cancelled) setPolled(current => ({ ...current, [key]: status }));
      } catch {
        // Kept as last read; the next round tries again.
      }
    };
    const round = async () => {
      const due = list.filter(
        key => Date.now() - (seen.at.get(key) ?? 0) < SETTLING_POLL_LIMIT_MS,
      );
      if (due.length === 0) return;
      await Promise.all(due.map(read));
      if (!cancelled) timer = setTimeout(round, SETTLING_POLL_MS);
    };
    timer = setTimeout(round, SETTLING_POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, keys, loaded]);

  return namespaces;
}
