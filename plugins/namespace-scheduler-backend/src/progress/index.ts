export {
  OperationProgressPublisher,
  type ProgressListener,
} from './OperationProgressPublisher';
