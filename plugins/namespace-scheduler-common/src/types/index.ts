export * from './activity';
export * from './status';
export * from './operations';
export * from './governance';
