export { EntityNamespaceScheduleContent } from './EntityNamespaceScheduleContent';
