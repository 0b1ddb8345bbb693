import type { Config } from '@backstage/config';
import type { NamespaceEngineOptions } from './NamespaceEngine';

/** The engine's own keys (see config.d.ts): `namespaceScheduler.concurrency` and `.statefulSetAcceptTimeoutMs`. */
export function readEngineConfig(
  config: Config,
): Pick<NamespaceEngineOptions, 'concurrency' | 'statefulSetAcceptTimeoutMs'> {
  return {
    concurrency: config.getOptionalNumber('namespaceScheduler.concurrency'),
    statefulSetAcceptTimeoutMs: config.getOptionalNumber(
      'namespaceScheduler.statefulSetAcceptTimeoutMs',
    ),
  };
}
