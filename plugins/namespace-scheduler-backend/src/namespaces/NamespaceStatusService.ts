import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  NamespaceStatus,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceCatalog, NamespaceClaim } from '../catalog/NamespaceCatalog';
import { NamespaceAuthorizer } from '../permissions';

/** Reads a namespace's live state (implemented by the engine). */
export interface NamespaceStatusReader {
  status(cluster: string, namespace: string): Promise<NamespaceStatus>;
}

/** A claimed namespace with live state and who claims it. */
export type ManagedNamespaceStatus = NamespaceStatus &
  Pick<NamespaceClaim, 'entityRefs' | 'ownerRefs'>;

/** Live state of the namespaces a caller may read. */
export class NamespaceStatusService {
  static create(options: {
    catalog: NamespaceCatalog;
    authorizer: NamespaceAuthorizer;
    statusReader: NamespaceStatusReader;
  }) {
    return new NamespaceStatusService(
      options.catalog,
      options.authorizer,
      options.statusReader,
    );
  }

  private constructor(
    private readonly catalog: NamespaceCatalog,
    private readonly authorizer: NamespaceAuthorizer,
    private readonly statusReader: NamespaceStatusReader,
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
    return Promise.all(
      readable.map(ref => this.statusReader.status(ref.cluster, ref.namespace)),
    );
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
    return Promise.all(
      readable.map(async claim => ({
        ...(await this.statusReader.status(claim.cluster, claim.namespace)),
        entityRefs: claim.entityRefs,
        ownerRefs: claim.ownerRefs,
      })),
    );
  }
}
