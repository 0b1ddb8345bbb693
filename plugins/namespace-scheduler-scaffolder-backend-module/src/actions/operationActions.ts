import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  NamespaceStatus,
  OperationResult,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import type { SchedulerApi } from '../api/SchedulerApi';
import { namespacePath, Target, targetInput, targetOf } from './target';

/** The API's answer to a sleep or wake (a dry run says the state it starts from). */
type OperationResponse = {
  result: OperationResult;
  activityId?: string;
  schedule?: Schedule;
  plannedSchedule?: Omit<Schedule, 'id'>;
  state?: NamespaceStatus['state'];
};

type Operation = 'sleep' | 'wake';

const GERUND: Record<Operation, string> = {
  sleep: 'Sleeps (scales to zero)',
  wake: 'Wakes (restores every workload of)',
};

/**
 * `namespace-scheduler:sleep` / `namespace-scheduler:wake`: the operation
 * now, optionally held until a time, as the user running the template. A dry
 * run plans it and changes nothing.
 */
export function createOperationAction(options: {
  operation: Operation;
  api: SchedulerApi;
  defaultCluster?: string;
}) {
  const { operation, api, defaultCluster } = options;
  return createTemplateAction({
    id: `namespace-scheduler:${operation}`,
    description: `${GERUND[operation]} a namespace now, optionally until a time`,
    supportsDryRun: true,
    examples: [
      {
        description: `${operation} shop-staging for two hours`,
        example: [
          'steps:',
          `  - id: ${operation}`,
          `    action: namespace-scheduler:${operation}`,
          '    input:',
          '      namespace: shop-staging',
          '      costCenter: CC-1001',
          "      until: '2026-12-04T18:00:00+01:00'",
          '      zone: Europe/Madrid',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ...targetInput,
        costCenter: z =>
          z
            .string()
            .min(1)
            .describe('The cost center the operation is charged to'),
        until: z =>
          z
            .string()
            .optional()
            .describe(
              'Hold the new state until then (ISO 8601 with an offset): an override schedule',
            ),
        zone: z =>
          z
            .string()
            .optional()
            .describe('IANA time zone the override is shown in; default UTC'),
      },
      output: {
        success: z => z.boolean().describe('Whether the operation succeeded'),
        state: z =>
          z
            .string()
            .describe(
              'The namespace state after the operation (a dry run: now)',
            ),
        totalScaled: z =>
          z.number().describe('Workloads changed (a dry run: would change)'),
        scheduleId: z =>
          z
            .string()
            .optional()
            .describe('The override holding the state, with until'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const target = targetOf(input, defaultCluster);
      const credentials = await ctx.getInitiatorCredentials();
      const response = await api.post<OperationResponse>(
        `${namespacePath(target)}/${operation}`,
        {
          costCenter: input.costCenter,
          ...(input.until && { until: input.until }),
          ...(input.zone && { zone: input.zone }),
          ...(ctx.isDryRun && { dryRun: true }),
        },
        credentials,
      );
      const { result } = response;
      if (!result.success) throw new Error(failureOf(operation, result));
      const state = ctx.isDryRun
        ? response.state
        : await stateOf(api, target, credentials);
      ctx.logger.info(describe(operation, target, response, ctx.isDryRun));
      ctx.output('success', true);
      ctx.output('state', state ?? 'unknown');
      ctx.output('totalScaled', result.total_scaled);
      if (response.schedule) ctx.output('scheduleId', response.schedule.id);
    },
  });
}

async function stateOf(
  api: SchedulerApi,
  target: Target,
  credentials: Parameters<SchedulerApi['get']>[1],
) {
  return (await api.get<NamespaceStatus>(namespacePath(target), credentials))
    .state;
}

function describe(
  operation: Operation,
  { cluster, namespace }: Target,
  { result, state, plannedSchedule, schedule }: OperationResponse,
  dryRun: boolean | undefined,
): string {
  const where = `${cluster}/${namespace}`;
  const workloads = result.scaled_resources
    .map(w => `${w.type} ${w.name} ${w.from_replicas}→${w.to_replicas}`)
    .join(', ');
  const changes = workloads || 'no workload to change';
  if (dryRun) {
    const hold = plannedSchedule ? `, held by "${plannedSchedule.title}"` : '';
    return `Dry run: would ${operation} ${where} (${state} now): ${changes}${hold}; nothing changed`;
  }
  const hold = schedule ? `, held by "${schedule.title}" (${schedule.id})` : '';
  return `${operation} ${where}: ${changes}${hold}`;
}

function failureOf(operation: Operation, result: OperationResult): string {
  const where = `${result.cluster}/${result.namespace}`;
  const rolledBack = result.rollback_performed ? ' (rolled back)' : '';
  return `${operation} ${where} failed${rolledBack}: ${result.errors.join(
    '; ',
  )}`;
}
