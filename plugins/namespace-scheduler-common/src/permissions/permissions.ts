import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a managed namespace (a cluster/namespace pair).
 *
 * @public
 */
export const NAMESPACE_RESOURCE_TYPE = 'namespace-scheduler-namespace';

/**
 * See a namespace's live state, schedules and activity.
 *
 * @public
 */
export const namespaceReadPermission = createPermission({
  name: 'namespace-scheduler.namespace.read',
  attributes: { action: 'read' },
  resourceType: NAMESPACE_RESOURCE_TYPE,
});

/**
 * Wake, sleep or scale a namespace now.
 *
 * @public
 */
export const namespaceOperatePermission = createPermission({
  name: 'namespace-scheduler.namespace.operate',
  attributes: { action: 'update' },
  resourceType: NAMESPACE_RESOURCE_TYPE,
});

/**
 * Create, edit and delete a namespace's schedules.
 *
 * @public
 */
export const scheduleManagePermission = createPermission({
  name: 'namespace-scheduler.schedule.manage',
  attributes: { action: 'update' },
  resourceType: NAMESPACE_RESOURCE_TYPE,
});

/**
 * Edit cost-center permission records (admins).
 *
 * @public
 */
export const costCenterManagePermission = createPermission({
  name: 'namespace-scheduler.cost-center.manage',
  attributes: { action: 'update' },
});

/**
 * Read every namespace's activity and the admin overview (platform team).
 *
 * @public
 */
export const activityReadAllPermission = createPermission({
  name: 'namespace-scheduler.activity.read-all',
  attributes: { action: 'read' },
});

/**
 * Every permission of the plugin, for the permissions registry.
 *
 * @public
 */
export const namespaceSchedulerPermissions = [
  namespaceReadPermission,
  namespaceOperatePermission,
  scheduleManagePermission,
  costCenterManagePermission,
  activityReadAllPermission,
];
