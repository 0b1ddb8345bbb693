export * from './limits';
export * from './namespaceRef';
export * from './operations';
export * from './intent';
export * from './autoscalers';
