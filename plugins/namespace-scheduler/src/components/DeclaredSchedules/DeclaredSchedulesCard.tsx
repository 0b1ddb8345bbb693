import { InfoCard } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_SCHEDULE,
  DeclaredScheduleState,
  formatNamespaceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { CompactTable, SectionError } from '../common';
import { DeclaredSource } from '../Schedules';
import { DeclaredStatus } from './DeclaredStatus';
import { DeclaredSchedulesRead } from './useDeclaredSchedules';

function namespaceOf({ cluster, namespace }: DeclaredScheduleState): string {
  return namespace ? formatNamespaceRef({ cluster, namespace }) : '—';
}

/**
 * The schedules the entity (or its owner group) declares in its annotation,
 * each with its namespace and what became of it.
 */
export const DeclaredSchedulesCard = ({
  read: { value, error, retry },
  onShow,
}: {
  /** Read by `useDeclaredSchedules`. */
  read: DeclaredSchedulesRead;
  /** Selects the namespace of an applied entry, so that its row is shown. */
  onShow: (state: DeclaredScheduleState) => void;
}) => (
  <InfoCard
    title="Declared in the catalog"
    subheader={`Schedules in the ${ANNOTATION_SCHEDULE} annotation; they change by pull request to catalog-info.yaml`}
  >
    {error ? (
      <SectionError
        error={error}
        onRetry={retry}
        what="the declared schedules"
      />
    ) : (
      <CompactTable
        label="Declared schedules"
        headings={['Entry', 'Namespace', 'Status']}
      >
        {(value ?? []).map((state, index) => (
          <TableRow key={`${state.entity_ref} ${namespaceOf(state)} ${index}`}>
            <TableCell>
              <Typography variant="body2" style={{ fontFamily: 'monospace' }}>
                {state.text}
              </Typography>
              <DeclaredSource declaration={state} />
            </TableCell>
            <TableCell>{namespaceOf(state)}</TableCell>
            <TableCell>
              <DeclaredStatus state={state} onShow={onShow} />
            </TableCell>
          </TableRow>
        ))}
      </CompactTable>
    )}
  </InfoCard>
);
