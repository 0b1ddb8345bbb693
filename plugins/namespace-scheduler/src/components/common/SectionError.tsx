import { ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/**
 * A section's failed read, in place of that section only (the rest of the
 * page stays), with a Retry that reads it again.
 */
export const SectionError = ({
  error,
  onRetry,
  what,
}: {
  error: Error;
  onRetry: () => void;
  /** What could not be read, for the Retry button's name: "the schedules". */
  what: string;
}) => (
  <div>
    <ResponseErrorPanel error={error} />
    <Button
      variant="outlined"
      style={{ marginTop: 8 }}
      aria-label={`Retry reading ${what}`}
      onClick={onRetry}
    >
      Retry
    </Button>
  </div>
);
