export * from './resource';
export * from './rules';
export * from './conditions';
export * from './NamespaceAuthorizer';
