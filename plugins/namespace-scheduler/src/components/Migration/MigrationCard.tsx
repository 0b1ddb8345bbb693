import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  formatNamespaceRef,
  MigrationCandidate,
  MigrationImportResponse,
} from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import { CompactTable, ProblemAlert } from '../common';
import { MigrationRow } from './MigrationRow';
import { PullRequestText } from './PullRequestText';

const HEADINGS = [
  '',
  'Source (original)',
  'Proposed schedules',
  'Notes',
  'Cost center',
  'Result',
];

/**
 * kube-downscaler annotations and kube-green SleepInfos found on the
 * clusters, side by side with the schedules that replace them; the chosen
 * ones are imported (as the admin, through the ordinary checks), nothing on
 * the clusters is changed.
 */
export const MigrationCard = () => {
  const api = useApi(namespaceSchedulerApiRef);
  const scan = useAsyncRetry(() => api.getMigrationCandidates(), [api]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Per namespace: a namespace's candidates charge the same cost center.
  const [costCenters, setCostCenters] = useState<Record<string, string>>({});
  const [imported, setImported] = useState<MigrationImportResponse>();
  const [importing, setImporting] = useState(false);
  const [problem, setProblem] = useState<ServerProblem>();
  const [showText, setShowText] = useState(false);

  if (scan.loading && !scan.value) return <Progress />;
  if (scan.error) return <ResponseErrorPanel error={scan.error} />;
  const {
    items = [],
    pull_requests = [],
    errors = [],
    notes = [],
  } = scan.value ?? {};

  const costCenterOf = (c: MigrationCandidate) =>
    costCenters[formatNamespaceRef(c)] ?? '';
  const chosen = items.filter(c => selected.has(c.id));
  const ready = chosen.length > 0 && chosen.every(c => costCenterOf(c));

  const select = (id: string, on: boolean) =>
    setSelected(current => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const importSelected = async () => {
    setImporting(true);
    setProblem(undefined);
    try {
      setImported(
        await api.importMigrationCandidates({
          items: chosen.map(c => ({ id: c.id, cost_center: costCenterOf(c) })),
        }),
      );
      setSelected(new Set());
      scan.retry();
    } catch (error) {
      setProblem(toServerProblem(error, []));
    } finally {
      setImporting(false);
    }
  };

  const resultOf = (id: string) => imported?.items.find(r => r.id === id);
  return (
    <InfoCard
      title="Migrate from kube-downscaler / kube-green"
      subheader="Their schedules on the clusters, and the schedules that would replace them here"
    >
      {notes.map(note => (
        <Alert
          key={note}
          severity="info"
          role="note"
          style={{ marginBottom: 8 }}
        >
          {note}
        </Alert>
      ))}
      {errors.map(({ cluster, message }) => (
        <Alert key={cluster} severity="warning" style={{ marginBottom: 8 }}>
          Cluster {cluster} could not be scanned: {message}
        </Alert>
      ))}
      {imported && (
        <Alert severity="success" role="status" style={{ marginBottom: 8 }}>
          {imported.reminder}
        </Alert>
      )}
      <ProblemAlert problem={problem?.error} />
      {items.length === 0 ? (
        <Typography>
          No kube-downscaler annotation or kube-green SleepInfo on the clusters.
        </Typography>
      ) : (
        <CompactTable label="Migration candidates" headings={HEADINGS}>
          {items.map(candidate => (
            <MigrationRow
              key={candidate.id}
              candidate={candidate}
              selected={selected.has(candidate.id)}
              onSelect={on => select(candidate.id, on)}
              costCenter={costCenterOf(candidate)}
              onCostCenter={value =>
                setCostCenters(current => ({
                  ...current,
                  [formatNamespaceRef(candidate)]: value,
                }))
              }
              result={resultOf(candidate.id)}
            />
          ))}
        </CompactTable>
      )}
      <Box display="flex" mt={2} style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={!ready || importing}
          onClick={importSelected}
        >
          Import selected
        </Button>
        <Button variant="outlined" onClick={() => setShowText(on => !on)}>
          {showText ? 'Hide pull-request text' : 'Show pull-request text'}
        </Button>
      </Box>
      {showText && <PullRequestText pullRequests={pull_requests} />}
    </InfoCard>
  );
};
