import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import {
  DeclaredScheduleState,
  formatNamespaceRef,
  NamespaceStatus,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';
import { ActivityCard } from '../Activity';
import { AwakeHoursCard } from '../AwakeHours';
import { DisplayZoneSelect, SectionError, useDisplayZone } from '../common';
import {
  DeclaredSchedulesCard,
  hasDeclaredSchedules,
  useDeclaredSchedules,
} from '../DeclaredSchedules';
import { OperationDialog, OperationTarget } from '../NamespaceOperations';
import { NamespaceSelect } from './NamespaceSelect';
import { NamespaceStatusTable } from './NamespaceStatusTable';
import { OffHoursNotice } from './OffHoursNotice';
import { ScheduleCards } from './ScheduleCards';
import { useKeepAwakeLink } from './useKeepAwakeLink';
import { useNamespaceChanges } from './useNamespaceChanges';
import { useSettlingNamespaces } from './useSettlingNamespaces';

const NONE: NamespaceStatus[] = [];

/**
 * The tab's content for an entity with namespaces: live state and actions for
 * each, then schedules, calendar and activity of the one selected. A failed
 * read shows in its own section with a Retry; the others stay.
 */
export const EntityNamespaceSchedule = ({
  entityRef,
}: {
  entityRef: string;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  // Every time on the tab is in this zone: picking another re-renders them all.
  useDisplayZone();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityNamespaces(entityRef),
    [api, entityRef],
  );
  // Waking namespaces (and those an operation holds) are read again until they settle.
  const namespaces = useSettlingNamespaces(value ?? NONE);
  const offHours = useAsyncRetry(() => api.getOffHours(), [api]);
  const [operation, setOperation] = useState<OperationTarget>();
  const [selectedKey, setSelectedKey] = useState<string>();

  const onAction = useCallback(
    ({ cluster, namespace }: NamespaceLocator, op: OperationType) =>
      setOperation({ cluster, namespace, operation: op }),
    [],
  );
  // Bumped when something changed the namespaces, or on Refresh, so every card reloads.
  const [revision, setRevision] = useState(0);
  const retryOffHours = offHours.retry;
  const onChanged = useCallback(() => {
    retry();
    retryOffHours();
    setRevision(current => current + 1);
  }, [retry, retryOffHours]);
  // Read again when the runner, another user or replica changes them.
  useNamespaceChanges(value ?? NONE, onChanged);
  const declared = useDeclaredSchedules(entityRef, revision);
  // An applied entry's link leads to its row, in its namespace's cards.
  const showDeclared = useCallback(
    ({ cluster, namespace }: DeclaredScheduleState) => {
      if (cluster && namespace) {
        setSelectedKey(formatNamespaceRef({ cluster, namespace }));
      }
    },
    [],
  );

  const openLinked = useCallback((target: OperationTarget) => {
    setSelectedKey(formatNamespaceRef(target));
    setOperation(target);
  }, []);
  // A before-sleep notification links here to keep the namespace awake.
  useKeepAwakeLink(namespaces, openLinked);

  if (loading && !value) return <Progress />;

  const selected =
    namespaces.find(ns => formatNamespaceRef(ns) === selectedKey) ??
    namespaces[0];
  // The selected namespace's cards, unless the namespaces could not be read.
  const shown = error ? undefined : selected;

  return (
    <>
      <Grid container spacing={3}>
        {(offHours.error || offHours.value?.off_hours) && (
          <Grid item xs={12}>
            <OffHoursNotice
              status={offHours.value}
              error={offHours.error}
              onRetry={retryOffHours}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          {error ? (
            <SectionError error={error} onRetry={retry} what="the namespaces" />
          ) : (
            <NamespaceStatusTable
              namespaces={namespaces}
              offHours={offHours.value}
              refreshing={loading}
              onRefresh={onChanged}
              onAction={onAction}
            />
          )}
        </Grid>
        {/* After the namespaces' actions: the first stops of Tab are theirs. */}
        <Grid item xs={12} container justifyContent="flex-end">
          <DisplayZoneSelect />
        </Grid>
        {shown && (
          <>
            {namespaces.length > 1 && (
              <Grid item xs={12}>
                <NamespaceSelect
                  namespaces={namespaces}
                  value={shown}
                  onChange={setSelectedKey}
                />
              </Grid>
            )}
            <ScheduleCards
              target={shown}
              offHours={offHours.value}
              revision={revision}
              onChanged={onChanged}
            />
          </>
        )}
        {/* Only when the entity or its group declares schedules (or they could not be read). */}
        {hasDeclaredSchedules(declared) && (
          <Grid item xs={12}>
            <DeclaredSchedulesCard read={declared} onShow={showDeclared} />
          </Grid>
        )}
        {/* Needs only the entity: shown even when its namespaces could not be read. */}
        <Grid item xs={12}>
          <AwakeHoursCard entityRef={entityRef} revision={revision} />
        </Grid>
        {shown && (
          <Grid item xs={12}>
            <ActivityCard
              cluster={shown.cluster}
              namespace={shown.namespace}
              revision={revision}
            />
          </Grid>
        )}
      </Grid>
      {operation && (
        <OperationDialog
          target={operation}
          autoscalers={
            namespaces.find(
              ns => formatNamespaceRef(ns) === formatNamespaceRef(operation),
            )?.autoscalers
          }
          onClose={() => setOperation(undefined)}
          onCompleted={onChanged}
        />
      )}
    </>
  );
};
