import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActivityPage,
  AwakeHours,
  CostCenter,
  CostEstimate,
  CostReport,
  DeclaredScheduleState,
  MigrationCandidates,
  MigrationImportRequest,
  MigrationImportResponse,
  NamespaceCostCenter,
  NamespaceStatus,
  OffHoursPlan,
  OffHoursStatus,
  OperationAsk,
  PROGRESS_ID_HEADER,
  Schedule,
  ScheduleInput,
  ScheduleRun,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ActivityQuery,
  CostCenterPermissionInput,
  CostEstimateQuery,
  ManagedNamespace,
  NamespaceLocator,
  NamespaceSchedulerApi,
  OperationResponse,
  ScheduleRunNowResponse,
} from './NamespaceSchedulerApi';

type Query = Record<string, string | number | undefined>;
type RequestOptions = {
  method?: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
};

const namespacePath = ({ cluster, namespace }: NamespaceLocator) =>
  `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(namespace)}`;

/**
 * Talks to the backend plugin through the portal's discovery and fetch APIs.
 *
 * @public
 */
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

  async getAwakeHours(
    entityRef: string,
    options: { days?: number; zone?: string } = {},
  ): Promise<AwakeHours> {
    const body = await this.json<Partial<AwakeHours>>('/awake-hours', {
      query: { entityRef, ...options },
    });
    // A backend before `unrecorded` counted the records only.
    return {
      items: body.items ?? [],
      unrecorded: body.unrecorded ?? [],
      ...(body.cost && { cost: body.cost }),
    };
  }

  getCostEstimate(
    target: NamespaceLocator,
    query: CostEstimateQuery,
  ): Promise<CostEstimate> {
    return this.json('/cost-estimate', { query: { ...target, ...query } });
  }

  async listNamespaces(): Promise<ManagedNamespace[]> {
    const body = await this.json<{ items: ManagedNamespace[] }>('/namespaces');
    return body.items;
  }

  getNamespace(target: NamespaceLocator): Promise<NamespaceStatus> {
    return this.json(namespacePath(target));
  }

  runOperation(
    target: NamespaceLocator,
    { operation, ...body }: OperationAsk,
    { progressId }: { progressId?: string } = {},
  ): Promise<OperationResponse> {
    return this.json(`${namespacePath(target)}/${operation}`, {
      method: 'POST',
      body,
      headers: progressId ? { [PROGRESS_ID_HEADER]: progressId } : {},
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

  runSchedule(id: string): Promise<ScheduleRunNowResponse> {
    return this.json(`/schedules/${encodeURIComponent(id)}/run`, {
      method: 'POST',
    });
  }

  async listDeclaredSchedules(
    entityRef: string,
  ): Promise<DeclaredScheduleState[]> {
    const body = await this.json<{ items: DeclaredScheduleState[] }>(
      '/declared-schedules',
      { query: { entityRef } },
    );
    return body.items;
  }

  async listScheduleRuns(id: string, limit?: number): Promise<ScheduleRun[]> {
    const body = await this.json<{ items: ScheduleRun[] }>(
      `/schedules/${encodeURIComponent(id)}/runs`,
      { query: { limit } },
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

  getOffHoursSlots(days?: number): Promise<OffHoursPlan> {
    return this.json('/off-hours/slots', { query: { days } });
  }

  async listCostCenters(): Promise<CostCenter[]> {
    const body = await this.json<{ items: CostCenter[] }>('/cost-centers');
    return body.items;
  }

  setCostCenterPermission(
    costCenter: string,
    permission: CostCenterPermissionInput,
  ): Promise<CostCenter> {
    return this.json(
      `/cost-centers/${encodeURIComponent(costCenter)}/permissions`,
      { method: 'POST', body: permission },
    );
  }

  getCostReport(
    range: { from?: string; to?: string } = {},
  ): Promise<CostReport> {
    return this.json('/cost-report', { query: range });
  }

  getMigrationCandidates(): Promise<MigrationCandidates> {
    return this.json('/migration/candidates');
  }

  importMigrationCandidates(
    request: MigrationImportRequest,
  ): Promise<MigrationImportResponse> {
    return this.json('/migration/import', { method: 'POST', body: request });
  }

  private async json<T>(path: string, options?: RequestOptions): Promise<T> {
    const response = await this.send(path, options);
    return (await response.json()) as T;
  }

  /** Sends one request; a non-2xx response throws a ResponseError with the server's message. */
  private async send(
    path: string,
    { method = 'GET', query, body, headers = {} }: RequestOptions = {},
  ): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'namespace-scheduler',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}${queryString(query)}`,
      body === undefined
        ? { method, headers }
        : {
            method,
            headers: { ...headers, 'Content-Type': 'application/json' },
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
