export * from './apis';
export * from './fixtures';
export * from './costCenterPicker';
export * from './schedulesCard';
