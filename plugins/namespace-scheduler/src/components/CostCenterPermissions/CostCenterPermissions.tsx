import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { CostCenterRow } from './CostCenterRow';

/** Every cost center with its permission record, editable by admins (seed 000 permissions). */
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
        <div style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Cost-center permissions">
            <TableHead>
              <TableRow>
                <TableCell>Cost center</TableCell>
                <TableCell>Authorized</TableCell>
                <TableCell>Allowed groups</TableCell>
                <TableCell>Note</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {value.map(cc => (
                <CostCenterRow key={cc.cost_center} costCenter={cc} />
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <Typography>
          No cost center is declared in the catalog
          (namespace-scheduler/cost-centers) or has a permission record.
        </Typography>
      )}
    </InfoCard>
  );
};
