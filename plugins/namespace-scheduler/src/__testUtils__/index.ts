export * from './apis';
export * from './fixtures';
export * from './costCenterPicker';
export * from './discardPrompt';
export * from './schedulesCard';
