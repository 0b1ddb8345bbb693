import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ServerProblem } from '../../errors';

/** A request's general error: what failed and the server's own words. */
export const ProblemAlert = ({
  problem,
}: {
  problem: ServerProblem['error'];
}) =>
  problem ? (
    <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
      <AlertTitle>{problem.title}</AlertTitle>
      {problem.message}
    </Alert>
  ) : null;
