import { Config } from '@backstage/config';
import { normalizeGroupRefs } from './groupRefs';
import { CostCenterRecord } from '@namespace-scheduler/backstage-plugin-node';

const KEY = 'namespaceScheduler.costCenters';

/** Who `namespaceScheduler.costCenters.permissions` records are changed by. */
const CONFIG_AUTHOR = 'app-config';

export type CostCenterSettings = {
  /** Whether a cost center without a record may be charged. */
  defaultAuthorized: boolean;
  /** Records to write at startup where none exists. */
  seeds: CostCenterRecord[];
};

/** `namespaceScheduler.costCenters`; a bad seed fails startup naming its key. */
export function readCostCenterConfig(
  config: Config,
  now: Date,
): CostCenterSettings {
  const block = config.getOptionalConfig(KEY);
  const seeds = (block?.getOptionalConfigArray('permissions') ?? []).map(
    (seed, i): CostCenterRecord => {
      const field = `${KEY}.permissions[${i}].allowedGroups`;
      const note = seed.getOptionalString('note');
      return {
        costCenter: seed.getString('costCenter'),
        isAuthorized: seed.getBoolean('authorized'),
        allowedGroups: normalizeGroupRefs(
          seed.getOptionalStringArray('allowedGroups') ?? [],
          field,
        ),
        ...(note !== undefined && { note }),
        changedBy: CONFIG_AUTHOR,
        changedAt: now,
      };
    },
  );
  return {
    defaultAuthorized: block?.getOptionalBoolean('defaultAuthorized') ?? false,
    seeds,
  };
}
