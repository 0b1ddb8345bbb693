import { useApi } from '@backstage/core-plugin-api';
import { DeclaredScheduleState } from '@namespace-scheduler/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';

/** The read of what became of an entity's declared schedules. */
export type DeclaredSchedulesRead = {
  value?: DeclaredScheduleState[];
  loading: boolean;
  error?: Error;
  retry: () => void;
};

/**
 * Reads the entity's declared schedules (its own annotation, else its
 * group's), again when `revision` changes.
 */
export function useDeclaredSchedules(
  entityRef: string,
  revision: number,
): DeclaredSchedulesRead {
  const api = useApi(namespaceSchedulerApiRef);
  return useAsyncRetry(
    () => api.listDeclaredSchedules(entityRef),
    [api, entityRef, revision],
  );
}

/** Whether there is anything to show: something declared, or a failed read. */
export function hasDeclaredSchedules({
  value,
  error,
}: DeclaredSchedulesRead): boolean {
  return Boolean(error || value?.length);
}
