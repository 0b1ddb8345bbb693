export { AwakeHoursService, type AwakeHoursQuery } from './AwakeHoursService';
