import { useApi } from '@backstage/core-plugin-api';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';

/** A namespace's schedules and the instant (epoch ms) they arrived. */
export type NamespaceSchedules = { items: Schedule[]; readAt: number };

/** The read of a namespace's schedules the cards showing them share. */
export type SchedulesRead = {
  /** The latest schedules read; kept while they are read again. */
  value?: NamespaceSchedules;
  loading: boolean;
  error?: Error;
  /** Reads them again (after an error). */
  retry: () => void;
};

/**
 * Reads a namespace's schedules once for every card of the tab that shows
 * them (the list and the week calendar), and again when the namespace or
 * `revision` changes: bumping `revision` is how a change refreshes them.
 */
export function useNamespaceSchedules(
  target: NamespaceLocator,
  revision: number,
): SchedulesRead {
  const api = useApi(namespaceSchedulerApiRef);
  const { cluster, namespace } = target;
  return useAsyncRetry(async () => {
    const items = await api.listSchedules({ cluster, namespace });
    // The calendar's week starts here, so it holds still until the next read.
    return { items, readAt: Date.now() };
  }, [api, cluster, namespace, revision]);
}
