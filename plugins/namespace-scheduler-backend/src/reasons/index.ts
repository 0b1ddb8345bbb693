export { describeDays, personOf } from './describeTime';
export {
  boundaryWhy,
  describeSchedule,
  manualWhy,
  runWhy,
  type Why,
} from './reasons';
