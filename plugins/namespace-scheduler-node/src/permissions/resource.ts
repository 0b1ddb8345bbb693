import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { NAMESPACE_RESOURCE_TYPE } from '@namespace-scheduler/backstage-plugin-common';

/**
 * What permission rules see of a managed namespace.
 *
 * @public
 */
export interface NamespaceResource {
  cluster: string;
  namespace: string;
  /** Entities that claim the namespace. */
  entityRefs: string[];
  /** Owners (groups/users) of those entities. */
  ownerRefs: string[];
}

/**
 * A filter a rule can turn into; the plugin filters in memory.
 *
 * @public
 */
export type NamespaceQuery = { ownerRefs: string[] };

/**
 * The namespace resource of the `namespace-scheduler` plugin, for permission
 * rules and conditions.
 *
 * @public
 */
export const namespaceResourceRef = createPermissionResourceRef<
  NamespaceResource,
  NamespaceQuery
>().with({
  pluginId: 'namespace-scheduler',
  resourceType: NAMESPACE_RESOURCE_TYPE,
});
