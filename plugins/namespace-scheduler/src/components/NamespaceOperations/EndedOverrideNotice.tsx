import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import {
  overrideAt,
  overrideEndedBy,
  overrideTitle,
  Schedule,
  ScheduleOperation,
} from '@namespace-scheduler/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';
import { useDisplayZone } from '../common';

type NoticeProps = {
  target: NamespaceLocator;
  operation: ScheduleOperation;
  /** The schedule run now, which never ends itself. */
  scheduleId?: string;
  /** The operation holds its state until a time: a new override. */
  holds?: boolean;
};

/**
 * Says before an operation runs what it does to the override holding the
 * namespace, by the rule the backend applies when it starts (common's
 * overrideEndedBy): one that goes against it ends it, a new hold replaces
 * it, one that agrees says nothing.
 */
export const EndedOverrideNotice = ({
  schedules,
  target,
  operation,
  scheduleId,
  holds = false,
}: NoticeProps & { schedules: Schedule[] }) => {
  const zone = useDisplayZone();
  const now = Date.now();
  const replaced = holds ? overrideAt(schedules, now) : undefined;
  const ended =
    replaced ?? overrideEndedBy(schedules, operation, now, scheduleId);
  if (!ended) return null;
  const title = overrideTitle(ended, zone);
  return (
    <Alert severity="warning" style={{ marginBottom: 16 }}>
      {replaced
        ? `This replaces "${title}": the new hold becomes the namespace's override.`
        : `This ends "${title}": the override no longer holds ${target.namespace}, and its other schedules act again.`}
    </Alert>
  );
};

/** The notice for a namespace whose schedules are not at hand: read them first. */
export const NamespaceOverrideNotice = (props: NoticeProps) => {
  const api = useApi(namespaceSchedulerApiRef);
  const { cluster, namespace } = props.target;
  const { value } = useAsync(
    () => api.listSchedules({ cluster, namespace }),
    [api, cluster, namespace],
  );
  return value ? <EndedOverrideNotice {...props} schedules={value} /> : null;
};
