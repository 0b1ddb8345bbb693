import Typography from '@material-ui/core/Typography';
import { WorkloadCounts as Counts } from '@namespace-scheduler/backstage-plugin-common';

/** "3 awake · 1 asleep · 1 off · 1 excluded" (off: stopped by the team, left alone) */
export const WorkloadCounts = ({ counts }: { counts: Counts }) => {
  const parts = [
    `${counts.awake} awake`,
    `${counts.asleep} asleep`,
    ...(counts.off ? [`${counts.off} off`] : []),
    ...(counts.excluded ? [`${counts.excluded} excluded`] : []),
  ];
  return (
    <Typography variant="body2" aria-label={`${counts.total} workloads`}>
      {parts.join(' · ')}
    </Typography>
  );
};
