import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';
import { OperationDialog, OperationTarget } from '../NamespaceOperations';
import { locatorKey, NamespaceSelect } from './NamespaceSelect';
import { NamespaceStatusTable } from './NamespaceStatusTable';

/**
 * The tab's content for an entity with namespaces: live state and actions for
 * each, then schedules, calendar and activity of the one selected.
 */
export const EntityNamespaceSchedule = ({
  entityRef,
}: {
  entityRef: string;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityNamespaces(entityRef),
    [api, entityRef],
  );
  const [operation, setOperation] = useState<OperationTarget>();
  const [selectedKey, setSelectedKey] = useState<string>();

  const onAction = useCallback(
    ({ cluster, namespace }: NamespaceLocator, op: OperationType) =>
      setOperation({ cluster, namespace, operation: op }),
    [],
  );
  const onChanged = useCallback(() => {
    retry();
  }, [retry]);

  if (loading && !value) return <Progress />;

  const namespaces = value ?? [];
  const selected =
    namespaces.find(ns => locatorKey(ns) === selectedKey) ?? namespaces[0];

  return (
    <>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {error ? (
            <ResponseErrorPanel error={error} />
          ) : (
            <NamespaceStatusTable
              namespaces={namespaces}
              refreshing={loading}
              onRefresh={retry}
              onAction={onAction}
            />
          )}
        </Grid>
        {selected && !error && (
          <>
            {namespaces.length > 1 && (
              <Grid item xs={12}>
                <NamespaceSelect
                  namespaces={namespaces}
                  value={selected}
                  onChange={setSelectedKey}
                />
              </Grid>
            )}
          </>
        )}
      </Grid>
      {operation && (
        <OperationDialog
          target={operation}
          onClose={() => setOperation(undefined)}
          onCompleted={onChanged}
        />
      )}
    </>
  );
};
