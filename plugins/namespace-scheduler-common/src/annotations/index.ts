export * from './annotations';
export * from './namespaceRefs';
export * from './costCenters';
