export * from './status';
export * from './operations';
