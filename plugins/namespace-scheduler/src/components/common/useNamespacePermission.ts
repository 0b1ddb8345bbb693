import { usePermission } from '@backstage/plugin-permission-react';
import {
  namespaceOperatePermission,
  toNamespaceResourceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';

/** Any of the plugin's permissions on a namespace resource. */
type NamespacePermission = typeof namespaceOperatePermission;

/** Whether an action is allowed; when not, why (shown next to it). */
export type PermissionGate = { allowed: boolean; reason?: string };

/**
 * Asks the permission framework about one namespace (resourceRef
 * `cluster/namespace`, as the backend names it).
 */
export function useNamespacePermission(
  permission: NamespacePermission,
  target: NamespaceLocator,
  deniedReason: string,
): PermissionGate {
  const { loading, allowed, error } = usePermission({
    permission,
    resourceRef: toNamespaceResourceRef(target),
  });
  if (loading) return { allowed: false, reason: 'Checking your permissions…' };
  if (error) {
    return {
      allowed: false,
      reason: `Could not check your permissions: ${error.message}`,
    };
  }
  return allowed ? { allowed: true } : { allowed: false, reason: deniedReason };
}
