import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * A refused sign-in, answered 401 through the `statusCode` convention of
 * Backstage's error handler (the demo portal does not depend on
 * @backstage/errors).
 */
class DemoUserRejected extends Error {
  readonly name = 'AuthenticationError';
  readonly statusCode = 401;
}

/** The header naming the catalog user to sign in as. */
export const DEMO_USER_HEADER = 'x-demo-user';

/**
 * The `demoUsers` sign-in: whoever sends `x-demo-user: <name>` is signed in
 * as catalog user `user:default/<name>`, if the name is one of
 * `auth.providers.demoUsers.users`. For end-to-end tests that need a second
 * identity beside the guest; it trusts the caller completely, so it is
 * registered only when that config exists and no production config has it.
 */
export const demoUsersAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { name: string }) => ({
    profile: { displayName: result.name },
  }),
  initialize({ config }) {
    return { users: config.getStringArray('users') };
  },
  async authenticate({ req }, { users }) {
    const name = req.header(DEMO_USER_HEADER);
    if (!name || !users.includes(name)) {
      throw new DemoUserRejected(
        `${DEMO_USER_HEADER} must name one of the configured demo users`,
      );
    }
    return { result: { name } };
  },
});

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-users-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        if (!config.has('auth.providers.demoUsers')) return;
        providers.registerProvider({
          providerId: 'demoUsers',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUsersAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: { name: result.name } }),
          }),
        });
      },
    });
  },
});
