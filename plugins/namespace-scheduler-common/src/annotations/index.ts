export * from './annotations';
export * from './namespaceRefs';
