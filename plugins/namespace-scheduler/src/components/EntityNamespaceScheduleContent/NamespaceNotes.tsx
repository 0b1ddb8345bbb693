import Typography from '@material-ui/core/Typography';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';

/** Why the state is unknown, or how many workloads drifted while asleep. */
export const NamespaceNotes = ({ status }: { status: NamespaceStatus }) => {
  if (status.error) {
    return (
      <Typography variant="body2" color="error">
        {status.error}
      </Typography>
    );
  }
  const drifted = status.workloads.filter(w => w.drift).length;
  return drifted ? (
    <Typography variant="body2" color="error">
      {drifted} workload(s) drifted while asleep
    </Typography>
  ) : null;
};
