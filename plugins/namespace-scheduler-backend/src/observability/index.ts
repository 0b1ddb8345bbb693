export { correlationIdOf, requestObservability } from './http/requestContext';
export { AwakeNamespaces } from './metrics/AwakeNamespaces';
export { PluginMetrics } from './metrics/PluginMetrics';
export { slotUsage } from './metrics/slotUsage';
export { createOperationListeners } from './operationListeners';
