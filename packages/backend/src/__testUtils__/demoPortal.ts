import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import path from 'node:path';

/**
 * The demo portal's test setup, shared by the backend tests that run real
 * plugins on the example catalog (examples/*.yaml) and the sandbox cluster.
 */

/** The examples directory: catalog files, sandbox seed and templates. */
export const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/** What the sign-in resolver would put in each user's token (examples/org.yaml). */
export const demoOwnership: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-commerce'],
  'user:default/bob': ['user:default/bob', 'group:default/team-payments'],
  'user:default/carol': ['user:default/carol', 'group:default/platform-team'],
};

/**
 * The test backend's mock auth drops the actor of on-behalf-of tokens, which
 * the permission framework's apply-conditions endpoint requires; real auth
 * keeps it. Issue on-behalf-of tokens as user tokens with the calling plugin
 * as actor, as real auth does.
 */
export const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const { onBehalfOf } = options;
      if (!auth.isPrincipal(onBehalfOf, 'user')) return issue(options);
      const actor = { subject: `plugin:${plugin.getId()}` };
      const token = mockCredentials.user.token(
        onBehalfOf.principal.userEntityRef,
        { actor },
      );
      return { token };
    };
    return auth;
  },
});

/** User info with the demo users' ownership ({@link demoOwnership}). */
export const demoUserInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const { userEntityRef } = credentials.principal as {
      userEntityRef: string;
    };
    return {
      userEntityRef,
      ownershipEntityRefs: demoOwnership[userEntityRef] ?? [userEntityRef],
    };
  },
});

/** Business hours all week, for tests about who may do something, not when. */
export const allWeekBusinessHours = {
  businessHours: {
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    start: '00:00',
    end: '24:00',
  },
};

type ConfigData = NonNullable<mockServices.rootConfig.Options['data']>;

/**
 * The example catalog and the Namespace Scheduler on the sandbox cluster,
 * with `overrides` deep-merged over it (objects merged key by key, anything
 * else, arrays included, replaced).
 */
export function demoConfig(overrides: ConfigData = {}): ConfigData {
  const base: ConfigData = {
    catalog: {
      rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Location'] }],
      locations: [
        { type: 'file', target: path.join(EXAMPLES, 'entities.yaml') },
        { type: 'file', target: path.join(EXAMPLES, 'org.yaml') },
      ],
    },
    namespaceScheduler: {
      defaultCluster: 'sandbox',
      sandbox: {
        enabled: true,
        name: 'sandbox',
        seedDir: path.join(EXAMPLES, 'sandbox'),
      },
    },
  };
  return merge(base, overrides);
}

function merge(base: ConfigData, overrides: ConfigData): ConfigData {
  const merged: ConfigData = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] =
      isObject(current) && isObject(value) ? merge(current, value) : value;
  }
  return merged;
}

function isObject(value: unknown): value is ConfigData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
