export * from './vocabulary';
export * from './activity';
export * from './status';
export * from './operations';
export * from './governance';
export * from './costReport';
export * from './progress';
export * from './namespaceChanges';
