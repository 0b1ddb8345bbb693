import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeclaredScheduleState,
  formatNamespaceRef,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { NamespaceAuthorizer } from '../permissions';
import type { KnexDeclaredScheduleStore } from './KnexDeclaredScheduleStore';

type Located = DeclaredScheduleState & { cluster: string; namespace: string };

/**
 * What the last reconciliation made of an entity's declared schedules, as
 * the entity's page shows it: the entity read with the caller's credentials
 * (so catalog permissions apply), and of its entries' namespaces only those
 * the caller may read. Entries on no namespace (invalid ones) come with the
 * entity.
 */
export class DeclaredScheduleService {
  static create(deps: {
    catalog: Pick<NamespaceCatalog, 'getEntity'>;
    authorizer: NamespaceAuthorizer;
    store: Pick<KnexDeclaredScheduleStore, 'statesOf'>;
  }): DeclaredScheduleService {
    return new DeclaredScheduleService(deps);
  }

  private constructor(
    private readonly deps: {
      catalog: Pick<NamespaceCatalog, 'getEntity'>;
      authorizer: NamespaceAuthorizer;
      store: Pick<KnexDeclaredScheduleStore, 'statesOf'>;
    },
  ) {}

  async statesOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeclaredScheduleState[]> {
    const entity = await this.deps.catalog.getEntity(entityRef, credentials);
    const states = await this.deps.store.statesOf(stringifyEntityRef(entity));
    const readable = await this.deps.authorizer.filter(
      credentials,
      namespaceReadPermission,
      uniqueNamespaces(states.filter(isLocated)),
    );
    const keys = new Set(readable.map(formatNamespaceRef));
    return states.filter(
      state => !isLocated(state) || keys.has(formatNamespaceRef(state)),
    );
  }
}

function isLocated(state: DeclaredScheduleState): state is Located {
  return state.cluster !== undefined && state.namespace !== undefined;
}

function uniqueNamespaces(states: Located[]) {
  const byKey = new Map(
    states.map(({ cluster, namespace }) => [
      formatNamespaceRef({ cluster, namespace }),
      { cluster, namespace },
    ]),
  );
  return [...byKey.values()];
}
