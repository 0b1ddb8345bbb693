import { SectionError } from '../common';
import { SchedulesRead } from './useNamespaceSchedules';

/**
 * The shared read of a namespace's schedules failed: the list and the week
 * calendar both say so, and either Retry reads them again for both.
 */
export const SchedulesReadError = ({ error, retry }: SchedulesRead) =>
  error ? (
    <SectionError error={error} onRetry={retry} what="the schedules" />
  ) : null;
