import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CostReport as Report,
  CostReportTotals,
} from '@namespace-scheduler/backstage-plugin-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { moneyFormat } from '../common';
import { CostChart } from './CostChart';
import { lineColumns, totalsColumns } from './reportColumns';
import { defaultDays, ReportDays, toRange } from './reportRange';

type Group<K extends string> = CostReportTotals & Partial<Record<K, string>>;

const DayField = (props: {
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) => (
  <TextField
    id={`cost-report-${props.label.toLowerCase()}`}
    label={props.label}
    type="date"
    size="small"
    margin="dense"
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    error={Boolean(props.error)}
    helperText={props.error}
    InputLabelProps={{ shrink: true }}
  />
);

const ReportView = ({ report }: { report: Report }) => {
  const money = moneyFormat(report.currency);
  const { totals, prices } = report;
  const unpriced = report.lines.filter(l => l.requests_error);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography>
          {totals.awake_hours} awake hours cost an estimated{' '}
          {money(totals.estimated_cost)}; {totals.asleep_hours} asleep hours
          saved an estimated {money(totals.estimated_savings)} (at{' '}
          {money(prices.cpu_hour)} per CPU-hour and {money(prices.gib_hour)} per
          GiB-hour of requests).
        </Typography>
        {unpriced.length > 0 && (
          <Alert severity="warning" style={{ marginTop: 8 }}>
            The requests of {unpriced.map(l => l.namespace).join(', ')} could
            not be read; their hours are counted but not priced.
          </Alert>
        )}
      </Grid>
      <Grid item xs={12}>
        <CostChart report={report} money={money} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table<Group<'cost_center'>>
          title="Per cost center"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={[
            { title: 'Cost center', field: 'cost_center' },
            ...totalsColumns<Group<'cost_center'>>(money),
          ]}
          data={report.by_cost_center}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table<Group<'team'>>
          title="Per team"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={[
            { title: 'Team', render: row => row.team ?? 'Unclaimed' },
            ...totalsColumns<Group<'team'>>(money),
          ]}
          data={report.by_team}
        />
      </Grid>
      <Grid item xs={12}>
        <Table
          title="Per namespace"
          options={{ pageSize: 10, search: false, padding: 'dense' }}
          columns={lineColumns(money)}
          data={report.lines}
        />
      </Grid>
    </Grid>
  );
};

/** Awake hours, estimated cost and savings per cost center and team, over chosen days. */
export const CostReport = () => {
  const api = useApi(namespaceSchedulerApiRef);
  const [days, setDays] = useState<ReportDays>(() => defaultDays());
  const range = useMemo(() => toRange(days), [days]);
  const { value, loading, error } = useAsyncRetry(
    async () => (range ? api.getCostReport(range) : undefined),
    [api, range],
  );
  const backwards = days.from && days.to && days.to < days.from;
  return (
    <InfoCard
      title="Cost report"
      subheader="From the activity log and the workloads' live CPU and memory requests"
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <DayField
          label="From"
          value={days.from}
          onChange={from => setDays({ ...days, from })}
        />
        <DayField
          label="To"
          value={days.to}
          error={backwards ? 'To must not be before from' : undefined}
          onChange={to => setDays({ ...days, to })}
        />
      </div>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && value && value.lines.length === 0 && (
        <Typography>No namespace was awake or asleep in these days.</Typography>
      )}
      {!loading && !error && value && value.lines.length > 0 && (
        <ReportView report={value} />
      )}
    </InfoCard>
  );
};
