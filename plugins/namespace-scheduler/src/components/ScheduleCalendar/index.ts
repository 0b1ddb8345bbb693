export { WeekCalendar } from './WeekCalendar';
