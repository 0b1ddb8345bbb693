import { Clock } from '../time/Clock';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string | number) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string | number) {
    this.current = new Date(at).getTime();
  }

  advanceMinutes(minutes: number) {
    this.current += minutes * 60_000;
  }
}
