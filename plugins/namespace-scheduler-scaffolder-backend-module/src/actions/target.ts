import { InputError } from '@backstage/errors';
import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/** Where an action acts: a namespace on a cluster. */
export type Target = { cluster: string; namespace: string };

/** The zod the scaffolder hands an action's schema fields. */
type Zod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/** The input fields naming the {@link Target}, as every action's schema takes them. */
export const targetInput = {
  cluster: (z: Zod) =>
    z
      .string()
      .min(1)
      .optional()
      .describe('Cluster; default: namespaceScheduler.defaultCluster'),
  namespace: (z: Zod) =>
    z.string().min(1).describe('A namespace some catalog entity claims'),
};

/** The cluster asked for, else the portal's `namespaceScheduler.defaultCluster`. */
export function targetOf(
  input: { cluster?: string; namespace: string },
  defaultCluster: string | undefined,
): Target {
  const cluster = input.cluster ?? defaultCluster;
  if (!cluster) {
    throw new InputError(
      'cluster: required (no namespaceScheduler.defaultCluster is configured)',
    );
  }
  return { cluster, namespace: input.namespace };
}

/** `/namespaces/<cluster>/<namespace>` */
export function namespacePath({ cluster, namespace }: Target): string {
  return `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(
    namespace,
  )}`;
}
