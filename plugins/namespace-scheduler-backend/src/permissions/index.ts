export * from './NamespaceAuthorizer';
export * from './ServiceCallers';
