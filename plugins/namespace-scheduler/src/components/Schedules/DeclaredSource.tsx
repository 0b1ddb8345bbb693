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

/**
 * Marks a schedule declared in the catalog and links to where it is written:
 * the entity's source file, or its catalog page when the source is unknown.
 */
export const DeclaredSource = ({
  declaration,
}: {
  declaration: ScheduleDeclaration;
}) => {
  const entityLink = useEntityRefLink();
  const to = declaration.source_url ?? entityLink(declaration.entity_ref);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 4 }}>
      <Chip
        size="small"
        variant="outlined"
        icon={<DescriptionIcon />}
        label="catalog-info.yaml"
      />
      <Typography variant="caption" component="span">
        <Link to={to}>
          Defined in catalog-info.yaml of {declaration.entity_ref}
        </Link>
      </Typography>
    </Box>
  );
};

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
