export { NamespaceChangePublisher } from './NamespaceChangePublisher';
export { SignallingScheduleStore } from './SignallingScheduleStore';
