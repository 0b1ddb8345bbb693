import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';

/** Where a test backend mounts the plugin's routes. */
export const PLUGIN_API = '/api/namespace-scheduler';

/** The user route tests sign in as unless they need someone else. */
export const ALICE = 'user:default/alice';

/** Requests to the plugin's routes on a test backend's `server`, signed in as `user`. */
export function pluginApi(server: Parameters<typeof request>[0], user = ALICE) {
  const as = (req: request.Test) =>
    req.set('Authorization', mockCredentials.user.header(user));
  return {
    get: (path: string) => as(request(server).get(`${PLUGIN_API}${path}`)),
    post: (path: string, body?: object) =>
      as(request(server).post(`${PLUGIN_API}${path}`)).send(body),
    put: (path: string, body: object) =>
      as(request(server).put(`${PLUGIN_API}${path}`)).send(body),
    del: (path: string) => as(request(server).delete(`${PLUGIN_API}${path}`)),
  };
}
