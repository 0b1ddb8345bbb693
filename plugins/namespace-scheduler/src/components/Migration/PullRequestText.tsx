import { CopyTextButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { MigrationPullRequest } from '@namespace-scheduler/backstage-plugin-common';

/** The `namespace-scheduler/schedule` annotation per entity, to declare the schedules in the catalog instead. */
export const PullRequestText = ({
  pullRequests,
}: {
  pullRequests: MigrationPullRequest[];
}) => (
  <Box mt={2}>
    <Typography variant="body2" paragraph>
      Declared in each entity's catalog-info.yaml, the same schedules change by
      pull request and cannot be edited here. Weekly schedules only: the others
      are imported, not declared.
    </Typography>
    {pullRequests.length === 0 ? (
      <Typography variant="body2">
        No weekly schedule of a claimed namespace to declare.
      </Typography>
    ) : (
      pullRequests.map(({ entity_ref, snippet }) => (
        <Box key={entity_ref} mb={2}>
          <Box display="flex" alignItems="center">
            <Typography variant="subtitle2">{entity_ref}</Typography>
            <CopyTextButton
              text={snippet}
              tooltipText="Copied"
              aria-label={`Copy the annotation for ${entity_ref}`}
            />
          </Box>
          <Typography
            component="pre"
            variant="body2"
            aria-label={`Annotation for ${entity_ref}`}
            style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}
          >
            {snippet}
          </Typography>
        </Box>
      ))
    )}
  </Box>
);
