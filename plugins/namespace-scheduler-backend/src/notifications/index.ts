export { AfterSleepNotifier } from './AfterSleepNotifier';
export { keepAwakeLink, tabLink } from './links';
export {
  NOTIFICATION_TOPIC,
  OperationNotifier,
  type ClaimLookup,
} from './OperationNotifier';
