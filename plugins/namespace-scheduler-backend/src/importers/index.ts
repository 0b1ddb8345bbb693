export { ClusterScanner, type FoundSchedule } from './ClusterScanner';
export { MIGRATION_REMINDER, MigrationService } from './MigrationService';
