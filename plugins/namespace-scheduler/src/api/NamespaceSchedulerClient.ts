import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
import { ManagedNamespace, NamespaceSchedulerApi } from './NamespaceSchedulerApi';

/** Talks to the backend plugin through the portal's discovery and fetch APIs. */
export class NamespaceSchedulerClient implements NamespaceSchedulerApi {
  constructor(
    private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getEntityNamespaces(entityRef: string): Promise<NamespaceStatus[]> {
    const query = new URLSearchParams({ entityRef });
    const body = await this.get<{ items: NamespaceStatus[] }>(
      `/entity-namespaces?${query}`,
    );
    return body.items;
  }

  async listNamespaces(): Promise<ManagedNamespace[]> {
    const body = await this.get<{ items: ManagedNamespace[] }>('/namespaces');
    return body.items;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'namespace-scheduler',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
