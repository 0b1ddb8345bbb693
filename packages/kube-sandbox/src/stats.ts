import { RequestFacts } from './faults';

/** A log of the requests the sandbox served, for assertions on what a client did. */

export interface RequestRecord extends RequestFacts {
  query: string;
  /** HTTP status sent; 0 when the request was dropped or never answered. */
  status: number;
  fault?: 'status' | 'hang' | 'drop';
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
}

export interface StatsSnapshot {
  total: number;
  inFlight: number;
  /** The most requests open at the same time since the last reset. */
  maxInFlight: number;
  byMethod: Record<string, number>;
  byVerb: Record<string, number>;
  /** Keyed by `METHOD /path`. */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** The latest requests, oldest first (at most 10,000; the counters above cover these). */
  requests: RequestRecord[];
}

const MAX_RECORDS = 10_000;

export class RequestStats {
  private records: RequestRecord[] = [];
  private total = 0;
  private inFlight = 0;
  private maxInFlight = 0;

  begin(facts: RequestFacts, query: string): RequestRecord {
    const record: RequestRecord = {
      ...facts,
      query,
      status: 0,
      startedAt: Date.now(),
    };
    this.total++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.shift();
    return record;
  }

  end(record: RequestRecord, status: number): void {
    this.inFlight--;
    record.status = status;
    record.endedAt = Date.now();
    record.durationMs = record.endedAt - record.startedAt;
  }

  reset(): void {
    this.records = [];
    this.total = 0;
    this.maxInFlight = this.inFlight;
  }

  snapshot(): StatsSnapshot {
    const count = (key: (r: RequestRecord) => string | undefined) => {
      const counts: Record<string, number> = {};
      for (const r of this.records) {
        const k = key(r);
        if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
      }
      return counts;
    };
    return {
      total: this.total,
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
      byMethod: count(r => r.method),
      byVerb: count(r => r.verb),
      byRoute: count(r => `${r.method} ${r.path}`),
      byStatus: count(r =>
        r.endedAt === undefined ? undefined : String(r.status),
      ),
      requests: this.records.map(r => ({ ...r })),
    };
  }
}
