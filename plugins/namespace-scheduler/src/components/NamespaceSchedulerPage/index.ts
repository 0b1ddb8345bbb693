export { NamespaceSchedulerPage } from './NamespaceSchedulerPage';
