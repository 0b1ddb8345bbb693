export { AlertmanagerClient } from './AlertmanagerClient';
export { readAlertmanagerConfig, type AlertmanagerSettings } from './config';
export { NamespaceSilencer } from './NamespaceSilencer';
export { KnexSilenceStore } from './SilenceStore';
