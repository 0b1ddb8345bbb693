import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { CompactTable } from '../common';
import { CostCenterRow } from './CostCenterRow';

/** Every cost center with its permission record (authorized, allowed groups, note), editable by admins. */
export const CostCenterPermissions = () => {
  const api = useApi(namespaceSchedulerApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.listCostCenters(),
    [api],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <InfoCard
      title="Cost-center permissions"
      subheader="Operations may be charged only to an authorized cost center; with allowed groups, only by their members"
    >
      {value?.length ? (
        <CompactTable
          label="Cost-center permissions"
          headings={['Cost center', 'Authorized', 'Allowed groups', 'Note', '']}
        >
          {value.map(cc => (
            <CostCenterRow key={cc.cost_center} costCenter={cc} />
          ))}
        </CompactTable>
      ) : (
        <Typography>
          No cost center is declared in the catalog
          (namespace-scheduler/cost-centers) or has a permission record.
        </Typography>
      )}
    </InfoCard>
  );
};
