export { namespaceSchedulerPlugin as default } from './plugin';
