export * from './NamespaceSchedulerApi';
export * from './NamespaceSchedulerClient';
