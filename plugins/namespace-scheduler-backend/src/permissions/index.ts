export * from './NamespaceAuthorizer';
