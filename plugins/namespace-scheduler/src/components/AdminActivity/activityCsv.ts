import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { ActivityQuery, NamespaceSchedulerApi } from '../../api';

/** An export reads at most this many records (20 pages of the largest size). */
export const CSV_EXPORT_CAP = 10_000;
const PAGE = 500;

const COLUMNS: Array<[string, (a: Activity) => unknown]> = [
  ['timestamp_start', a => a.timestamp_start],
  ['timestamp_end', a => a.timestamp_end],
  ['cluster', a => a.cluster],
  ['namespace', a => a.namespace],
  ['operation', a => a.operation],
  ['replicas', a => a.replicas],
  ['outcome', a => a.outcome],
  ['status', a => a.status],
  ['duration_minutes', a => a.duration_minutes],
  ['cost_center', a => a.cost_center],
  ['requested_by', a => a.requested_by],
  ['approved_by', a => a.approved_by],
  ['user_id', a => a.user_id],
  ['schedule_id', a => a.schedule_id],
  ['source', a => a.source],
  ['reason', a => a.reason],
  ['total_scaled', a => a.result.total_scaled],
  ['total_failed', a => a.result.total_failed],
  ['rollback_performed', a => a.result.rollback_performed],
  ['errors', a => a.result.errors.join('; ')],
];

/**
 * One CSV field: quoted when it holds a separator, quote or line break, and
 * with a leading apostrophe when a spreadsheet would run it as a formula.
 */
function field(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = COLUMNS.map(([name]) => name).join(',');

export function toCsv(activities: Activity[]): string {
  const rows = activities.map(a =>
    COLUMNS.map(([, read]) => field(read(a))).join(','),
  );
  return `${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}

/** Every activity matching the query, newest first, up to the cap. */
export async function fetchAllActivities(
  api: Pick<NamespaceSchedulerApi, 'listActivities'>,
  query: ActivityQuery,
): Promise<{ items: Activity[]; truncated: boolean }> {
  const items: Activity[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listActivities({ ...query, cursor, limit: PAGE });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < CSV_EXPORT_CAP);
  return {
    items: items.slice(0, CSV_EXPORT_CAP),
    truncated: Boolean(cursor) || items.length > CSV_EXPORT_CAP,
  };
}

/** Hands the text to the browser as a file download. */
export function downloadText(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
