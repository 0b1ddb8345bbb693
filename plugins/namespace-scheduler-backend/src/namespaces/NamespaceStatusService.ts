import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  NamespaceStatus,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceCatalog, NamespaceClaim } from '../catalog/NamespaceCatalog';
import type { LeaseStatus } from '../leases';
import { NamespaceAuthorizer } from '../permissions';

/** Reads a namespace's live state (implemented by the engine). */
export interface NamespaceStatusReader {
  status(cluster: string, namespace: string): Promise<NamespaceStatus>;
}

/** A claimed namespace with live state and who claims it. */
export type ManagedNamespaceStatus = NamespaceStatus &
  Pick<NamespaceClaim, 'entityRefs' | 'ownerRefs'>;

/** Live state of the namespaces a caller may read, with the operation in progress on each. */
export class NamespaceStatusService {
  static create(options: {
    catalog: NamespaceCatalog;
    authorizer: NamespaceAuthorizer;
    statusReader: NamespaceStatusReader;
    /** Adds the operation holding each namespace (or its pending repair). */
    leases: Pick<LeaseStatus, 'annotate'>;
  }) {
    return new NamespaceStatusService(
      options.catalog,
      options.authorizer,
      options.statusReader,
      options.leases,
    );
  }

  private constructor(
    private readonly catalog: NamespaceCatalog,
    private readonly authorizer: NamespaceAuthorizer,
    private readonly statusReader: NamespaceStatusReader,
    private readonly leases: Pick<LeaseStatus, 'annotate'>,
  ) {}

  /** The namespaces one entity claims, each read live from its cluster. */
  async listForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<NamespaceStatus[]> {
    const entity = await this.catalog.getEntity(entityRef, credentials);
    const readable = await this.authorizer.filter(
      credentials,
      namespaceReadPermission,
      this.catalog.namespacesOf(entity),
    );
    const statuses = await Promise.all(
      readable.map(ref => this.statusReader.status(ref.cluster, ref.namespace)),
    );
    return this.leases.annotate(statuses);
  }

  /** Every claimed namespace across clusters, with its claimants. */
  async listAll(
    credentials: BackstageCredentials,
  ): Promise<ManagedNamespaceStatus[]> {
    const readable = await this.authorizer.filter(
      credentials,
      namespaceReadPermission,
      await this.catalog.allClaims(),
    );
    const statuses = await Promise.all(
      readable.map(async claim => ({
        ...(await this.statusReader.status(claim.cluster, claim.namespace)),
        entityRefs: claim.entityRefs,
        ownerRefs: claim.ownerRefs,
      })),
    );
    return this.leases.annotate(statuses);
  }
}
