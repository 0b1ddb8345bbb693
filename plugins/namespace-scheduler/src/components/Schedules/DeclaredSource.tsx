import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import DescriptionIcon from '@material-ui/icons/Description';
import LockIcon from '@material-ui/icons/Lock';
import { ScheduleDeclaration } from '@namespace-scheduler/backstage-plugin-common';

/** Why a declared schedule cannot be changed here, and where it can. */
export function declaredReadOnlyReason({
  entity_ref,
}: ScheduleDeclaration): string {
  return `declared in catalog-info.yaml of ${entity_ref}: change it there, by pull request`;
}

const SourceLink = ({ to, entityRef }: { to: string; entityRef: string }) => (
  <Link to={to}>Defined in catalog-info.yaml of {entityRef}</Link>
);

/** The declaring entity's catalog page; the catalog's route is looked up only here. */
const EntityPageLink = ({ entityRef }: { entityRef: string }) => {
  const entityLink = useEntityRefLink();
  return <SourceLink to={entityLink(entityRef)} entityRef={entityRef} />;
};

/**
 * Marks a schedule declared in the catalog and links to where it is written:
 * the entity's source file, or its catalog page when the source is unknown.
 */
export const DeclaredSource = ({
  declaration: { entity_ref, source_url },
}: {
  declaration: ScheduleDeclaration;
}) => (
  <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 4 }}>
    <Chip
      size="small"
      variant="outlined"
      icon={<DescriptionIcon />}
      label="catalog-info.yaml"
    />
    <Typography variant="caption" component="span">
      {source_url ? (
        <SourceLink to={source_url} entityRef={entity_ref} />
      ) : (
        <EntityPageLink entityRef={entity_ref} />
      )}
    </Typography>
  </Box>
);

/**
 * In place of a declared schedule's edit and delete buttons: a lock whose
 * tooltip and accessible name say where to change it (the row's visible
 * link leads there).
 */
export const DeclaredLock = ({
  title,
  declaration,
}: {
  title: string;
  declaration: ScheduleDeclaration;
}) => {
  const label = `${title} is read-only: ${declaredReadOnlyReason(declaration)}`;
  return (
    <Tooltip title={label}>
      <span
        role="img"
        aria-label={label}
        style={{ display: 'inline-flex', padding: 3, verticalAlign: 'middle' }}
      >
        <LockIcon fontSize="small" color="action" />
      </span>
    </Tooltip>
  );
};
