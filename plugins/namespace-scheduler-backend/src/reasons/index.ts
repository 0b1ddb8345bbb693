export { describeDays, personOf, shortTime } from './describeTime';
export {
  boundaryWhy,
  describeSchedule,
  manualWhy,
  runWhy,
  type Why,
} from './reasons';
