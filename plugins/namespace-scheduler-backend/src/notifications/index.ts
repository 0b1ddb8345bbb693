export {
  NOTIFICATION_TOPIC,
  OperationNotifier,
  type ClaimLookup,
} from './OperationNotifier';
