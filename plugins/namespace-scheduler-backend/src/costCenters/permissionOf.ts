import { CostCenterPermission } from '@namespace-scheduler/backstage-plugin-common';
import { CostCenterRecord } from '@namespace-scheduler/backstage-plugin-node';

/** A cost center's permission as the API shows it: its record's, or the configured default. */
export function permissionOf(
  record: CostCenterRecord | undefined,
  defaultAuthorized: boolean,
): CostCenterPermission {
  if (!record) {
    return {
      is_authorized: defaultAuthorized,
      allowed_groups: [],
      source: 'default',
    };
  }
  return {
    is_authorized: record.isAuthorized,
    allowed_groups: record.allowedGroups,
    source: 'record',
    ...(record.note !== undefined && { note: record.note }),
    changed_by: record.changedBy,
    changed_at: record.changedAt.toISOString(),
  };
}
