export { MigrationCard } from './MigrationCard';
