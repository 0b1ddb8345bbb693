import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  NamespaceStatus,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import { NamespaceAuthorizer } from '../permissions';

/** Reads a namespace's live state (implemented by the engine). */
export interface NamespaceStatusReader {
  status(cluster: string, namespace: string): Promise<NamespaceStatus>;
}

/** The namespaces of one catalog entity, with live state. */
export class EntityNamespacesService {
  static create(options: {
    catalog: NamespaceCatalog;
    authorizer: NamespaceAuthorizer;
    statusReader: NamespaceStatusReader;
  }) {
    return new EntityNamespacesService(
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

  /** Only the namespaces the caller may read; each read live from its cluster. */
  async list(
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
}
