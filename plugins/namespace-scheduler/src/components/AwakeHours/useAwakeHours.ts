import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { useDisplayZone } from '../common';

/**
 * Awake hours per local day of the entity's namespaces over the last `days`,
 * in the display zone (read again when the user picks another); the backend
 * reads the log for all of them at once.
 */
export function useAwakeHours(
  entityRef: string,
  days: number,
  revision: number,
) {
  const api = useApi(namespaceSchedulerApiRef);
  const zone = useDisplayZone();
  return useAsyncRetry(
    () => api.getAwakeHours(entityRef, { days, zone }),
    // `revision` is not read: it changes when an operation ran, to read again.
    [api, entityRef, days, zone, revision],
  );
}
