import { createApiRef } from '@backstage/core-plugin-api';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';

/** A claimed namespace with live state and who claims it (admin view). */
export interface ManagedNamespace extends NamespaceStatus {
  entityRefs: string[];
  ownerRefs: string[];
}

/** What the frontend asks of the namespace-scheduler backend. */
export interface NamespaceSchedulerApi {
  /** The namespaces an entity claims, with live state. */
  getEntityNamespaces(entityRef: string): Promise<NamespaceStatus[]>;
  /** Every claimed namespace the user may read, across clusters. */
  listNamespaces(): Promise<ManagedNamespace[]>;
}

export const namespaceSchedulerApiRef = createApiRef<NamespaceSchedulerApi>({
  id: 'plugin.namespace-scheduler.api',
});
