/**
 * The backend's Prometheus metrics (packages/backend's OpenTelemetry
 * Prometheus exporter, port 9464, /metrics): the names the alerts and the
 * Grafana dashboard may use. Counters carry their `_total` suffix; a
 * histogram is queried through its `_bucket`, `_sum` and `_count` series.
 */
export const METRICS = {
  namespace_scheduler_namespaces_awake: { type: 'gauge', labels: ['cluster'] },
  namespace_scheduler_off_hours_slots_used: { type: 'gauge', labels: [] },
  namespace_scheduler_off_hours_slots_limit: { type: 'gauge', labels: [] },
  // outcome: succeeded | failed | rolled_back | rollback_failed
  namespace_scheduler_operations_total: {
    type: 'counter',
    labels: ['operation', 'outcome'],
  },
  namespace_scheduler_rollbacks_total: { type: 'counter', labels: [] },
  namespace_scheduler_runner_lateness_seconds: {
    type: 'histogram',
    labels: [],
  },
  namespace_scheduler_http_request_duration_seconds: {
    type: 'histogram',
    labels: ['route', 'method', 'status'],
  },
  namespace_scheduler_kube_request_duration_seconds: {
    type: 'histogram',
    labels: ['cluster', 'verb'],
  },
  namespace_scheduler_kube_request_errors_total: {
    type: 'counter',
    labels: ['cluster'],
  },
  namespace_scheduler_circuit_breaker_open: {
    type: 'gauge',
    labels: ['cluster'],
  },
  namespace_scheduler_estimated_savings_hours_total: {
    type: 'counter',
    labels: [],
  },
} as const;

/** Every series name a query may select: metrics plus histogram series. */
export function allowedSeriesNames(): Set<string> {
  const names = new Set<string>();
  for (const [name, { type }] of Object.entries(METRICS)) {
    if (type === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) {
        names.add(`${name}${suffix}`);
      }
    } else {
      names.add(name);
    }
  }
  return names;
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects. A small lexer, enough for
 * the queries in this repository: it drops strings, label matchers, range
 * and subquery brackets, grouping clauses and function calls, and returns
 * the identifiers left, which are metric selectors.
 */
export function metricSelectorsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    )
    .replace(/\boffset\s+-?[\w]+/g, ' ');
  const names = new Set<string>();
  const identifier = /(?<![\w.:$])[a-zA-Z_:][\w:]*/g;
  for (const match of stripped.matchAll(identifier)) {
    const after = stripped.slice((match.index ?? 0) + match[0].length);
    const isCall = /^\s*\(/.test(after);
    if (!isCall && !KEYWORDS.has(match[0].toLowerCase())) {
      names.add(match[0]);
    }
  }
  return [...names];
}
