import type { Config } from '@backstage/config';
import type { NamespaceEngineOptions } from './NamespaceEngine';

/**
 * The engine's own keys (see config.d.ts): `namespaceScheduler.concurrency`,
 * `.statefulSetAcceptTimeoutMs` and `.rollbackWindowMs`.
 */
export function readEngineConfig(
  config: Config,
): Pick<
  NamespaceEngineOptions,
  'concurrency' | 'statefulSetAcceptTimeoutMs' | 'rollbackRetry'
> {
  const windowMs = config.getOptionalNumber(
    'namespaceScheduler.rollbackWindowMs',
  );
  return {
    concurrency: config.getOptionalNumber('namespaceScheduler.concurrency'),
    statefulSetAcceptTimeoutMs: config.getOptionalNumber(
      'namespaceScheduler.statefulSetAcceptTimeoutMs',
    ),
    rollbackRetry: windowMs === undefined ? undefined : { windowMs },
  };
}
