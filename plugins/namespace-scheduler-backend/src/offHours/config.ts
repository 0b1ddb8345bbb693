import { Config } from '@backstage/config';
import {
  BusinessHoursSpec,
  normalizeTimeZone,
  Weekday,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';

const KEY = 'namespaceScheduler.offHours';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The default business hours: Monday to Friday, 07:00 to 20:00 in Madrid. */
export const DEFAULT_BUSINESS_HOURS: BusinessHoursSpec = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '07:00',
  end: '20:00',
  time_zone: 'Europe/Madrid',
};

export type OffHoursSettings = {
  /** Namespaces that may be awake at once outside business hours (per scope). */
  limit: number;
  /** One limit for all clusters, or one per cluster. */
  scope: 'global' | 'cluster';
  businessHours: BusinessHoursSpec;
};

/** `namespaceScheduler.offHours`; anything invalid fails startup naming its key. */
export function readOffHoursConfig(config: Config): OffHoursSettings {
  const block = config.getOptionalConfig(KEY);
  const limit = block?.getOptionalNumber('limit') ?? 5;
  assertCount(limit, 'limit');
  const scope = block?.getOptionalString('scope') ?? 'global';
  if (scope !== 'global' && scope !== 'cluster') {
    throw new Error(
      `${KEY}.scope: must be "global" or "cluster", not "${scope}"`,
    );
  }
  return {
    limit,
    scope,
    businessHours: readBusinessHours(block?.getOptionalConfig('businessHours')),
  };
}

function readBusinessHours(block: Config | undefined): BusinessHoursSpec {
  const days =
    block?.getOptionalStringArray('days') ?? DEFAULT_BUSINESS_HOURS.days;
  const start =
    block?.getOptionalString('start') ?? DEFAULT_BUSINESS_HOURS.start;
  const end = block?.getOptionalString('end') ?? DEFAULT_BUSINESS_HOURS.end;
  const zone =
    block?.getOptionalString('timeZone') ?? DEFAULT_BUSINESS_HOURS.time_zone;
  const field = `${KEY}.businessHours`;
  days.forEach((day, i) => {
    if (!isWeekday(day)) {
      throw new Error(
        `${field}.days[${i}]: "${day}" is not one of ${WEEKDAYS.join(', ')}`,
      );
    }
  });
  if (!TIME.test(start))
    throw new Error(`${field}.start: must be HH:mm, not "${start}"`);
  if (!TIME.test(end) && end !== '24:00') {
    throw new Error(`${field}.end: must be HH:mm or 24:00, not "${end}"`);
  }
  const time_zone = normalizeTimeZone(zone);
  if (!time_zone)
    throw new Error(`${field}.timeZone: unknown time zone "${zone}"`);
  return { days: [...new Set(days.filter(isWeekday))], start, end, time_zone };
}

function isWeekday(day: string): day is Weekday {
  return (WEEKDAYS as readonly string[]).includes(day);
}

function assertCount(value: number, name: string) {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(
      `${KEY}.${name}: must be a non-negative integer, not ${value}`,
    );
  }
}
