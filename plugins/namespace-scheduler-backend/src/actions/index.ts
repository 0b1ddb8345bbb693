import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  NamespaceActionDeps,
  registerListNamespaces,
  registerOperation,
} from './namespaceActions';
import {
  registerCreateSchedule,
  registerListSchedules,
  ScheduleActionDeps,
} from './scheduleActions';

/**
 * The plugin's operations as actions for AI assistants and other tools (the
 * actions registry; exposed over MCP by the MCP actions backend). Each runs
 * with the caller's credentials through the services the routes use, so the
 * same permissions, ownership and cost-center rules apply.
 */
export function registerActions(
  registry: ActionsRegistryService,
  deps: NamespaceActionDeps & ScheduleActionDeps,
) {
  registerListNamespaces(registry, deps);
  registerListSchedules(registry, deps);
  registerCreateSchedule(registry, deps);
  registerOperation(registry, deps, 'sleep');
  registerOperation(registry, deps, 'wake');
}
