import type { OffHoursService } from '../../offHours';

/** Off-hours slots taken now across scopes, and the limit (per scope). */
export async function slotUsage(
  offHours: Pick<OffHoursService, 'status'>,
): Promise<{ used: number; limit: number }> {
  const status = await offHours.status();
  const used = Object.values(status.used).reduce((sum, n) => sum + n, 0);
  return { used, limit: status.limit };
}
