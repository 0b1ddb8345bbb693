import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

export type LogLine = {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** The child loggers' fields merged with the line's own, as a JSON log line carries them. */
  fields: JsonObject;
};

/** A LoggerService that keeps every line with the fields of its child chain. */
export class RecordingLogger implements LoggerService {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly fields: JsonObject = {},
  ) {}

  child(meta: JsonObject): LoggerService {
    return new RecordingLogger(this.lines, { ...this.fields, ...meta });
  }

  error(message: string, meta?: Error | JsonObject) {
    this.record('error', message, meta);
  }

  warn(message: string, meta?: Error | JsonObject) {
    this.record('warn', message, meta);
  }

  info(message: string, meta?: Error | JsonObject) {
    this.record('info', message, meta);
  }

  debug(message: string, meta?: Error | JsonObject) {
    this.record('debug', message, meta);
  }

  private record(
    level: LogLine['level'],
    message: string,
    meta?: Error | JsonObject,
  ) {
    const own = meta instanceof Error ? { error: meta.message } : meta;
    this.lines.push({ level, message, fields: { ...this.fields, ...own } });
  }
}
