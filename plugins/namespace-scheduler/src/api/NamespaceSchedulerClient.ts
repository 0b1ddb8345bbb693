import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActivityPage,
  NamespaceCostCenter,
  NamespaceStatus,
  OffHoursStatus,
  PreviewTransition,
  Schedule,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ActivityQuery,
  ManagedNamespace,
  NamespaceLocator,
  NamespaceSchedulerApi,
  OperationRequest,
  OperationResponse,
} from './NamespaceSchedulerApi';

type Query = Record<string, string | number | undefined>;
type RequestOptions = { method?: string; query?: Query; body?: unknown };

const namespacePath = ({ cluster, namespace }: NamespaceLocator) =>
  `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(namespace)}`;

/** Talks to the backend plugin through the portal's discovery and fetch APIs. */
export class NamespaceSchedulerClient implements NamespaceSchedulerApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getEntityNamespaces(entityRef: string): Promise<NamespaceStatus[]> {
    const body = await this.json<{ items: NamespaceStatus[] }>(
      '/entity-namespaces',
      { query: { entityRef } },
    );
    return body.items;
  }

  async listNamespaces(): Promise<ManagedNamespace[]> {
    const body = await this.json<{ items: ManagedNamespace[] }>('/namespaces');
    return body.items;
  }

  runOperation(
    target: NamespaceLocator,
    { operation, ...body }: OperationRequest,
  ): Promise<OperationResponse> {
    return this.json(`${namespacePath(target)}/${operation}`, {
      method: 'POST',
      body,
    });
  }

  async listSchedules(target: NamespaceLocator): Promise<Schedule[]> {
    const body = await this.json<{ items: Schedule[] }>('/schedules', {
      query: target,
    });
    return body.items;
  }

  createSchedule(input: ScheduleInput): Promise<Schedule> {
    return this.json('/schedules', { method: 'POST', body: input });
  }

  replaceSchedule(id: string, input: ScheduleInput): Promise<Schedule> {
    return this.json(`/schedules/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: input,
    });
  }

  async deleteSchedule(id: string): Promise<void> {
    await this.send(`/schedules/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async previewSchedules(
    target: NamespaceLocator,
    options: { days?: number; limit?: number } = {},
  ): Promise<PreviewTransition[]> {
    const body = await this.json<{ items: PreviewTransition[] }>(
      '/schedule-preview',
      { query: { ...target, ...options } },
    );
    return body.items;
  }

  listActivities(query: ActivityQuery): Promise<ActivityPage> {
    return this.json('/activities', { query });
  }

  async listNamespaceCostCenters(
    target: NamespaceLocator,
  ): Promise<NamespaceCostCenter[]> {
    const body = await this.json<{ items: NamespaceCostCenter[] }>(
      `${namespacePath(target)}/cost-centers`,
    );
    return body.items;
  }

  getOffHours(): Promise<OffHoursStatus> {
    return this.json('/off-hours');
  }

  private async json<T>(path: string, options?: RequestOptions): Promise<T> {
    const response = await this.send(path, options);
    return (await response.json()) as T;
  }

  /** Sends one request; a non-2xx response throws a ResponseError with the server's message. */
  private async send(
    path: string,
    { method = 'GET', query, body }: RequestOptions = {},
  ): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'namespace-scheduler',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}${queryString(query)}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
