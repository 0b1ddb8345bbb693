import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

const PLUGIN_ID = 'namespace-scheduler';

/**
 * The Namespace Scheduler's REST API, called on behalf of the user who runs
 * the template: the plugin makes the same permission, ownership and cost
 * center checks as for that user in the portal.
 */
export class SchedulerApi {
  static create(options: { discovery: DiscoveryService; auth: AuthService }) {
    return new SchedulerApi(options.discovery, options.auth);
  }

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  get<T>(path: string, credentials: BackstageCredentials): Promise<T> {
    return this.request<T>('GET', path, credentials);
  }

  post<T>(
    path: string,
    body: object,
    credentials: BackstageCredentials,
  ): Promise<T> {
    return this.request<T>('POST', path, credentials, body);
  }

  /** A refusal throws the API's own error (its name and message), so the step fails with it. */
  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    credentials: BackstageCredentials,
    body?: object,
  ): Promise<T> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: PLUGIN_ID,
    });
    const response = await fetch(
      `${await this.discovery.getBaseUrl(PLUGIN_ID)}${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body && { 'Content-Type': 'application/json' }),
        },
        body: body && JSON.stringify(body),
      },
    );
    if (!response.ok) throw (await ResponseError.fromResponse(response)).cause;
    return (await response.json()) as T;
  }
}
