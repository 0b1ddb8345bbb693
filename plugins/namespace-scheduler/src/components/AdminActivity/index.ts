export { AdminActivity } from './AdminActivity';
