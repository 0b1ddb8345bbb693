import { useApi } from '@backstage/core-plugin-api';
import {
  Activity,
  awakeHoursPerDay,
  AwakeHoursDay,
} from '@namespace-scheduler/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  NamespaceLocator,
  NamespaceSchedulerApi,
  namespaceSchedulerApiRef,
} from '../../api';
import { browserTimeZone } from '../common';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 500;
/** Beyond this many pages per namespace the chart would be incomplete: say so. */
const MAX_PAGES = 10;
/** Records just before the period: the wake that was open when it began is among them. */
const BEFORE_PERIOD = 10;

async function periodActivities(
  api: NamespaceSchedulerApi,
  target: NamespaceLocator,
  from: string,
): Promise<Activity[]> {
  const items: Activity[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.listActivities({
      ...target,
      from,
      limit: PAGE_SIZE,
      cursor,
    });
    items.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) return items;
  }
  throw new Error(
    `${target.namespace} has more than ${
      MAX_PAGES * PAGE_SIZE
    } activity records in the period`,
  );
}

/**
 * Every record that can overlap the period: those starting in it, and the
 * latest ones before it (a wake still open when the period began).
 */
async function namespaceActivities(
  api: NamespaceSchedulerApi,
  { cluster, namespace }: NamespaceLocator,
  from: string,
): Promise<Activity[]> {
  // Only the locator: the namespaces passed may be whole statuses.
  const target = { cluster, namespace };
  const [inPeriod, before] = await Promise.all([
    periodActivities(api, target, from),
    api.listActivities({ ...target, to: from, limit: BEFORE_PERIOD }),
  ]);
  return [...inPeriod, ...before.items];
}

/** Awake hours per local day of the namespaces over the last `days` days. */
export function useAwakeHours(
  namespaces: NamespaceLocator[],
  days: number,
  revision: number,
) {
  const api = useApi(namespaceSchedulerApiRef);
  return useAsyncRetry(async (): Promise<AwakeHoursDay[]> => {
    const now = Date.now();
    // A day early: the first local day may begin before `now - days` in UTC.
    const from = new Date(now - (days + 1) * DAY_MS).toISOString();
    const records = await Promise.all(
      namespaces.map(ns => namespaceActivities(api, ns, from)),
    );
    return awakeHoursPerDay(records.flat(), {
      now,
      days,
      zone: browserTimeZone(),
    });
  }, [api, namespaces, days, revision]);
}
