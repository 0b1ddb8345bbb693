import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** One Alertmanager matcher; `{{cluster}}` and `{{namespace}}` in `value` are filled in. */
export type MatcherTemplate = {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
};

export type AlertmanagerSettings = {
  /** Base URL, e.g. `http://alertmanager:9093`. */
  url: string;
  matchers: MatcherTemplate[];
  /** Longest silence, also used when no schedule plans a wake. */
  maxDurationMs: number;
  timeoutMs: number;
  createdBy: string;
};

export const DEFAULT_MATCHERS: MatcherTemplate[] = [
  { name: 'namespace', value: '{{namespace}}', isRegex: false, isEqual: true },
];
const DEFAULT_MAX_DURATION_MS = durationToMilliseconds({ hours: 24 });

/** `namespaceScheduler.alertmanager`; silences are off without a `url`. */
export function readAlertmanagerConfig(
  config: Config,
): AlertmanagerSettings | undefined {
  const am = config.getOptionalConfig('namespaceScheduler.alertmanager');
  const url = am?.getOptionalString('url');
  if (!am || !url) return undefined;
  const matchers = am.getOptionalConfigArray('matchers')?.map(m => ({
    name: m.getString('name'),
    value: m.getString('value'),
    isRegex: m.getOptionalBoolean('isRegex') ?? false,
    isEqual: m.getOptionalBoolean('isEqual') ?? true,
  }));
  return {
    url: url.replace(/\/+$/, ''),
    matchers: matchers?.length ? matchers : DEFAULT_MATCHERS,
    maxDurationMs: am.has('maxDuration')
      ? durationToMilliseconds(
          readDurationFromConfig(am, { key: 'maxDuration' }),
        )
      : DEFAULT_MAX_DURATION_MS,
    timeoutMs: am.getOptionalNumber('timeoutMs') ?? 5_000,
    createdBy: am.getOptionalString('createdBy') ?? 'namespace-scheduler',
  };
}
