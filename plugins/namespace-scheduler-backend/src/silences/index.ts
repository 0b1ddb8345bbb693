export { createSilencer } from './create';
