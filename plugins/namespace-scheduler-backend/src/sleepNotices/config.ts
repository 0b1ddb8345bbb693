import { Config } from '@backstage/config';

const KEY = 'namespaceScheduler.notifications.beforeSleepMinutes';

/** A week: a longer lead would tell owners of sleeps they will have forgotten. */
const MAX_LEAD_MINUTES = 7 * 24 * 60;

/** How long before an automatic sleep its owners are told; 0: never. */
export function readBeforeSleepMinutes(config: Config): number {
  const minutes = config.getOptionalNumber(KEY) ?? 15;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_LEAD_MINUTES) {
    throw new Error(
      `${KEY}: must be a whole number of minutes from 0 to ${MAX_LEAD_MINUTES}, not ${minutes}`,
    );
  }
  return minutes;
}
