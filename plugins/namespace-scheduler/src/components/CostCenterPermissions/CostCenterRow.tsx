import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CostCenter,
  formatNamespaceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import { namespaceSchedulerApiRef } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import { formatInstant, ProblemAlert } from '../common';

const FIELDS = ['is_authorized', 'allowed_groups', 'note'];

type Draft = { authorized: boolean; groups: string; note: string };

const draftOf = (cc: CostCenter): Draft => ({
  authorized: cc.is_authorized,
  groups: cc.allowed_groups.join(', '),
  note: cc.note ?? '',
});

function provenance(cc: CostCenter): string {
  if (cc.source === 'default')
    return 'No record: the configured default applies';
  const who = cc.changed_by ? ` by ${cc.changed_by}` : '';
  const when = cc.changed_at ? ` on ${formatInstant(cc.changed_at)}` : '';
  return `Set${who}${when}`;
}

/** A text field of the row; the server's problem with it replaces its hint. */
const TextCell = ({
  costCenter,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  costCenter: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint: string;
}) => (
  <TableCell>
    <TextField
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      size="small"
      fullWidth
      inputProps={{ 'aria-label': `${costCenter} ${label.toLowerCase()}` }}
      error={Boolean(error)}
      helperText={error ?? hint}
    />
  </TableCell>
);

/** One cost center's permission record, edited in place and saved on its own. */
export const CostCenterRow = ({ costCenter }: { costCenter: CostCenter }) => {
  const api = useApi(namespaceSchedulerApiRef);
  const [saved, setSaved] = useState(costCenter);
  const [draft, setDraft] = useState(() => draftOf(costCenter));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ServerProblem>();
  const name = costCenter.cost_center;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(saved));

  const save = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      const updated = await api.setCostCenterPermission(name, {
        is_authorized: draft.authorized,
        allowed_groups: draft.groups
          .split(',')
          .map(group => group.trim())
          .filter(Boolean),
        note: draft.note,
      });
      setSaved(updated);
      setDraft(draftOf(updated));
    } catch (error) {
      setProblem(toServerProblem(error, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Typography variant="subtitle2">{name}</Typography>
        <Typography variant="caption">
          {saved.namespaces.map(formatNamespaceRef).join(', ') ||
            'No namespace'}
        </Typography>
      </TableCell>
      <TableCell>
        <FormControlLabel
          style={{ whiteSpace: 'nowrap' }}
          label={draft.authorized ? 'Authorized' : 'Not authorized'}
          control={
            <Switch
              checked={draft.authorized}
              onChange={e =>
                setDraft({ ...draft, authorized: e.target.checked })
              }
              inputProps={{ 'aria-label': `${name} authorized` }}
            />
          }
        />
        {problem?.fields.is_authorized && (
          <Typography color="error" variant="caption" display="block">
            {problem.fields.is_authorized}
          </Typography>
        )}
      </TableCell>
      <TextCell
        costCenter={name}
        label="Allowed groups"
        value={draft.groups}
        onChange={groups => setDraft({ ...draft, groups })}
        error={problem?.fields.allowed_groups}
        hint="Group refs, comma separated; empty for anyone"
      />
      <TextCell
        costCenter={name}
        label="Note"
        value={draft.note}
        onChange={note => setDraft({ ...draft, note })}
        error={problem?.fields.note}
        hint={provenance(saved)}
      />
      <TableCell>
        <Button
          variant="contained"
          color="primary"
          size="small"
          disabled={!dirty || saving}
          onClick={save}
          aria-label={`Save ${name}`}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
        <ProblemAlert problem={problem?.error} />
      </TableCell>
    </TableRow>
  );
};
