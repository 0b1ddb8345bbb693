import { useLocation } from 'react-router-dom';

/** The id of a schedule's row: a link to `#<id>` leads to it. */
export function scheduleAnchor(scheduleId: string): string {
  return `schedule-${scheduleId}`;
}

/** Whether the page's URL points at this schedule's row. */
export function useIsAnchored(scheduleId: string): boolean {
  return useLocation().hash === `#${scheduleAnchor(scheduleId)}`;
}
