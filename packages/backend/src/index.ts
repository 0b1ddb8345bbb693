/*
 * The demo portal backend: catalog, guest sign-in, the permission framework
 * with the demo policy, and the Namespace Scheduler plugin. With no real
 * cluster configured it starts the in-process Kubernetes sandbox.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Second identities for e2e tests; inert unless auth.providers.demoUsers is configured.
backend.add(import('./modules/demoUsersAuth'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Bad `namespace-scheduler/schedule` annotations become entity errors.
backend.add(
  import('@namespace-scheduler/backstage-plugin-catalog-backend-module'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@namespace-scheduler/backstage-plugin-backend-module-permission-policy'
  ),
);

// The events backend carries signals between backend replicas (its event bus
// lives in the database on PostgreSQL), so live progress reaches a browser
// connected to another replica than the one running the operation.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@namespace-scheduler/backstage-plugin-backend'));
backend.add(import('./modules/sandboxCluster'));

// Software templates (examples/templates) with the Namespace Scheduler's
// actions: create a schedule, sleep, wake (docs/scaffolder.md).
backend.add(import('@backstage/plugin-scaffolder-backend'));
// The catalog stores the templates (kind Template) only with this module.
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import('@namespace-scheduler/backstage-plugin-scaffolder-backend-module'),
);
// The activity log in DynamoDB, when the config asks for it.
backend.add(import('./modules/dynamoDbWhenConfigured'));

// The registered actions (backend.actions.pluginSources) as tools for AI
// assistants over MCP, at /api/mcp-actions/v1 (docs/actions.md).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
