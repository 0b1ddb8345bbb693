import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceActionsService } from '../namespaces/NamespaceActionsService';
import type {
  ManagedNamespaceStatus,
  NamespaceStatusService,
} from '../namespaces/NamespaceStatusService';
import { NamespaceAuthorizer, serviceSubjectOf } from '../permissions';

export type NamespaceActionDeps = {
  namespaceStatus: NamespaceStatusService;
  namespaceActions: NamespaceActionsService;
  authorizer: NamespaceAuthorizer;
  userInfo: UserInfoService;
};

/** `list-namespaces`: the caller's namespaces (or all readable ones) with their state. */
export function registerListNamespaces(
  registry: ActionsRegistryService,
  deps: NamespaceActionDeps,
) {
  registry.register({
    name: 'list-namespaces',
    title: 'List namespaces and their status',
    description:
      'The Kubernetes namespaces managed by the Namespace Scheduler with their state (awake, asleep, partial, …): by default those of the catalog entities the caller owns ("status of my namespaces"); with mine=false every namespace the caller may read. Filter by cluster or state.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          mine: z
            .boolean()
            .default(true)
            .describe(
              'Only namespaces of entities the caller (or one of their groups) owns',
            ),
          cluster: z.string().optional().describe('Only this cluster'),
          state: z
            .string()
            .optional()
            .describe('Only namespaces in this state, e.g. awake or asleep'),
        }),
      output: z =>
        z.object({
          namespaces: z.array(
            z.object({
              cluster: z.string(),
              namespace: z.string(),
              state: z.string(),
              workloads: z.object({
                total: z.number(),
                awake: z.number(),
                asleep: z.number(),
              }),
              entityRefs: z.array(z.string()),
              ownerRefs: z.array(z.string()),
              operation: z.string().optional(),
              error: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const all = await deps.namespaceStatus.listAll(credentials);
      const owners = input.mine
        ? await ownershipOf(credentials, deps)
        : undefined;
      const namespaces = all.filter(
        ns =>
          (!input.cluster || ns.cluster === input.cluster) &&
          (!input.state || ns.state === input.state) &&
          (!owners || ns.ownerRefs.some(ref => owners.includes(ref))),
      );
      return { output: { namespaces: namespaces.map(summary) } };
    },
  });
}

/** `sleep-namespace` and `wake-namespace`. */
export function registerOperation(
  registry: ActionsRegistryService,
  deps: NamespaceActionDeps,
  operation: Extract<OperationType, 'sleep' | 'wake'>,
) {
  const verb = operation === 'sleep' ? 'Sleep' : 'Wake';
  registry.register({
    name: `${operation}-namespace`,
    title: `${verb} a namespace`,
    description:
      operation === 'sleep'
        ? 'Scales a namespace managed by the Namespace Scheduler down to zero (its workloads stop; a later wake restores them), charged to a cost center. With until, it stays asleep until then (its schedules are suspended). Needs the operate permission on the namespace.'
        : "Scales a namespace managed by the Namespace Scheduler back up to its workloads' replicas, charged to a cost center. With until, it stays awake until then (an override; its schedules are suspended meanwhile). Needs the operate permission on the namespace and a cost center the caller may charge.",
    attributes: { destructive: operation === 'sleep', idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string().describe('Cluster name, e.g. sandbox'),
          namespace: z.string().describe('Namespace name, e.g. shop-dev'),
          costCenter: z
            .string()
            .describe(
              'Cost center to charge, one the namespace declares (e.g. CC-1001)',
            ),
          until: z
            .string()
            .optional()
            .describe(
              `ISO 8601 date-time: hold it ${
                operation === 'sleep' ? 'asleep' : 'awake'
              } until then (local to zone without an offset)`,
            ),
          zone: z
            .string()
            .optional()
            .describe('IANA time zone of until; UTC by default'),
          dryRun: z
            .boolean()
            .optional()
            .describe('Plan only: report what would change, change nothing'),
        }),
      output: z =>
        z.object({
          success: z.boolean(),
          dryRun: z.boolean(),
          totalScaled: z.number(),
          errors: z.array(z.string()),
          warnings: z.array(z.string()),
          activityId: z.string().optional(),
          overrideScheduleId: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { cluster, namespace, ...ask } = input;
      const outcome = await deps.namespaceActions.run(
        { cluster, namespace },
        { ...ask, operation },
        credentials,
      );
      const { result } = outcome;
      return {
        output: {
          success: result.success,
          dryRun: result.dry_run,
          totalScaled: result.total_scaled,
          errors: result.errors,
          warnings: result.warnings ?? [],
          activityId: outcome.activityId,
          overrideScheduleId: outcome.schedule?.id,
        },
      };
    },
  });
}

/** Whose namespaces are the caller's: a user's ownership refs, or the entity a service acts as. */
async function ownershipOf(
  credentials: BackstageCredentials,
  deps: NamespaceActionDeps,
): Promise<string[]> {
  if (serviceSubjectOf(credentials) !== undefined) {
    return [deps.authorizer.actorOf(credentials)];
  }
  return (await deps.userInfo.getUserInfo(credentials)).ownershipEntityRefs;
}

function summary(ns: ManagedNamespaceStatus) {
  return {
    cluster: ns.cluster,
    namespace: ns.namespace,
    state: ns.state,
    workloads: {
      total: ns.counts.total,
      awake: ns.counts.awake,
      asleep: ns.counts.asleep,
    },
    entityRefs: ns.entityRefs,
    ownerRefs: ns.ownerRefs,
    ...(ns.operation && { operation: ns.operation.operation }),
    ...(ns.error && { error: ns.error }),
  };
}
