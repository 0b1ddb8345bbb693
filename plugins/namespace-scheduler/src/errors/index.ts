export * from './serverProblem';
