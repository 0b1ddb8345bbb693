import Checkbox from '@material-ui/core/Checkbox';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  formatNamespaceRef,
  MigrationCandidate,
  MigrationImportResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { CostCenterField, StatusText } from '../common';
import { describeSchedule } from '../Schedules/describeSchedule';

const RESULT_LABELS: Record<MigrationImportResult['status'], string> = {
  created: 'Imported',
  already_imported: 'Already imported',
  refused: 'Refused',
};

/** Why a candidate cannot be picked, when it cannot. */
function notImportable(candidate: MigrationCandidate): string | undefined {
  if (candidate.imported) return 'Already imported';
  if (candidate.proposed.length === 0) return 'Nothing to import';
  if (candidate.entity_refs.length === 0) {
    return 'No catalog entity claims the namespace';
  }
  return undefined;
}

/** One source object beside what it becomes: original → proposed schedules, notes, cost center, result. */
export const MigrationRow = ({
  candidate,
  selected,
  onSelect,
  costCenter,
  onCostCenter,
  result,
}: {
  candidate: MigrationCandidate;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  costCenter: string;
  onCostCenter: (costCenter: string) => void;
  result?: MigrationImportResult;
}) => {
  const blocked = notImportable(candidate);
  const { source, tool } = candidate;
  const name = `${formatNamespaceRef(candidate)} ${source.kind}/${source.name}`;
  return (
    <TableRow>
      <TableCell padding="checkbox">
        <Checkbox
          checked={selected}
          disabled={Boolean(blocked)}
          onChange={event => onSelect(event.target.checked)}
          inputProps={{ 'aria-label': `Import ${name}` }}
        />
      </TableCell>
      <TableCell>
        <Typography variant="body2">{tool}</Typography>
        <Typography variant="body2" color="textSecondary">
          {name}
        </Typography>
        <Typography
          component="pre"
          variant="caption"
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
        >
          {candidate.original}
        </Typography>
      </TableCell>
      <TableCell>
        {candidate.proposed.length > 0
          ? candidate.proposed.map((schedule, index) => (
              <Typography key={index} variant="body2">
                {describeSchedule({
                  ...schedule,
                  cluster: candidate.cluster,
                  namespace: candidate.namespace,
                  cost_center: costCenter,
                })}{' '}
                ({schedule.zone})
              </Typography>
            ))
          : '—'}
        {blocked && (
          <Typography variant="caption" color="textSecondary">
            {blocked}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {candidate.notes.map((note, index) => (
          <Typography key={index} variant="caption" component="p">
            {note}
          </Typography>
        ))}
      </TableCell>
      <TableCell style={{ minWidth: 180 }}>
        {!blocked && (
          <CostCenterField
            target={candidate}
            value={costCenter}
            onChange={onCostCenter}
          />
        )}
      </TableCell>
      <TableCell>
        {result && (
          <StatusText status={result.status === 'refused' ? 'error' : 'ok'}>
            {RESULT_LABELS[result.status]}
            {result.message && `: ${result.message}`}
          </StatusText>
        )}
      </TableCell>
    </TableRow>
  );
};
