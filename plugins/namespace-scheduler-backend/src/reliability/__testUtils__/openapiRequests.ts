import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The part of JSON Schema the plugin's spec uses. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
  $ref?: string;
}

export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** As in the spec, e.g. `/schedules/{id}`. */
  path: string;
  id: string;
  parameters: Parameter[];
  body?: Schema;
  /** `security: []`: no credentials needed. */
  open: boolean;
}

/** A request breaking the contract in one known way, and the words its 4xx must name. */
export interface BadRequest {
  operation: ApiOperation;
  defect: string;
  /** The message names at least one of these (field, parameter, or what failed). */
  names: string[];
  url: string;
  auth: 'valid' | 'none' | 'garbage';
  headers?: Record<string, string>;
  contentType?: string;
  /** Sent as is: a string is the raw body. */
  body?: unknown;
}

/** Valid values for every parameter name and each operation's valid body. */
export interface ValidInputs {
  params: (operation: ApiOperation, name: string) => string;
  body: (operation: ApiOperation) => Record<string, unknown>;
}

const SPEC_FILE = path.resolve(__dirname, '../../schema/openapi.yaml');

export const INJECTIONS = [
  "' OR '1'='1' --",
  "'; DROP TABLE ns_schedules; --",
  '"; DELETE FROM ns_activities WHERE 1=1; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '${jndi:ldap://example.invalid/a}',
  '../../../etc/passwd',
  '$(rm -rf /)',
  '`id`',
  'a\u0000b',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
];

const UNICODE = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const WEIRD_TEXT = fc.oneof(fc.constantFrom(...INJECTIONS), UNICODE);
/** Past Node's 16 kB header limit a URL never reaches the plugin, so URL strings stay under it. */
const LONG_URL_TEXT = fc
  .integer({ min: 1_000, max: 8_000 })
  .map(n => 'x'.repeat(n));
const HUGE_TEXT = fc
  .integer({ min: 100 * 1024, max: 120 * 1024 })
  .map(n => 'y'.repeat(n));

/** The spec's operations, with local $refs resolved. */
export function loadOperations(): ApiOperation[] {
  const spec = parse(fs.readFileSync(SPEC_FILE, 'utf8'));
  const resolve = <T extends { $ref?: string }>(node: T): T => {
    if (!node.$ref) return node;
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at: Record<string, unknown>, key) => at[key] as never, spec);
    return resolve(target as T);
  };
  return Object.entries(spec.paths as Record<string, object>).flatMap(
    ([apiPath, methods]) =>
      Object.entries(methods as Record<string, Record<string, unknown>>).map(
        ([method, op]) => {
          const body = (
            op.requestBody as
              | { content: { 'application/json': { schema: Schema } } }
              | undefined
          )?.content['application/json'].schema;
          return {
            method: method as ApiOperation['method'],
            path: apiPath,
            id: op.operationId as string,
            parameters: ((op.parameters ?? []) as Parameter[]).map(resolve),
            body: body && resolve(body),
            open: Array.isArray(op.security) && op.security.length === 0,
          };
        },
      ),
  );
}

/** Values of every other JSON type than the schema's. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const all: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', WEIRD_TEXT],
    ['integer', fc.integer()],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true })],
    ['boolean', fc.boolean()],
    ['object', fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['null', fc.constant(null)],
  ];
  const wrong = all.filter(([type]) =>
    schema.type === 'integer'
      ? !['integer', 'number'].includes(type)
      : type !== schema.type,
  );
  return fc.oneof(...wrong.map(([, arbitrary]) => arbitrary));
}

/** Values of the right type that break one of the schema's constraints. */
function brokenConstraint(schema: Schema): fc.Arbitrary<unknown> | undefined {
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) {
    options.push(WEIRD_TEXT.filter(v => !schema.enum!.includes(v)));
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    options.push(WEIRD_TEXT.filter(v => !pattern.test(v)));
  }
  if (schema.format === 'date-time') {
    options.push(fc.constantFrom('yesterday', '2026-13-45T99:00:00Z', '1e9'));
  }
  if (schema.maxLength !== undefined) {
    options.push(
      fc
        .integer({ min: schema.maxLength + 1, max: schema.maxLength + 5_000 })
        .map(n => 'z'.repeat(n)),
    );
  }
  if (schema.minLength) options.push(fc.constant(''));
  if (schema.type === 'integer') {
    options.push(fc.double({ min: 0.1, max: 0.9 }).map(f => 1 + f));
    if (schema.minimum !== undefined) {
      options.push(fc.integer({ max: schema.minimum - 1 }));
    }
    if (schema.maximum !== undefined) {
      options.push(fc.integer({ min: schema.maximum + 1 }));
    }
  }
  if (schema.type === 'array' && schema.maxItems !== undefined) {
    options.push(
      fc.array(fc.constant('group:default/a'), {
        minLength: schema.maxItems + 1,
        maxLength: schema.maxItems + 10,
      }),
    );
  }
  if (schema.type === 'array' && schema.items) {
    options.push(wrongType(schema.items).map(v => [v]));
  }
  return options.length ? fc.oneof(...options) : undefined;
}

/** Query strings carry text: a non-integer, out-of-range or off-enum value as text. */
function badQueryValue(schema: Schema): fc.Arbitrary<string> | undefined {
  const options: fc.Arbitrary<string>[] = [];
  if (schema.type === 'integer') {
    options.push(fc.constantFrom('abc', '1.5', '1e3', ''), WEIRD_TEXT);
  }
  const broken = brokenConstraint(schema);
  if (broken) {
    options.push(
      broken
        .filter(v => typeof v === 'string' || typeof v === 'number')
        .map(String),
    );
  }
  return options.length ? fc.oneof(...options) : undefined;
}

function requestArbitrary(
  operation: ApiOperation,
  valid: ValidInputs,
): fc.Arbitrary<BadRequest> {
  const defects = [
    ...authDefects(operation, valid),
    ...pathDefects(operation, valid),
    ...queryDefects(operation, valid),
    ...headerDefects(operation, valid),
    ...bodyDefects(operation, valid),
  ];
  return fc.oneof(...defects);
}

/** Every operation equally often, each request with one defect. */
export function badRequests(
  operations: ApiOperation[],
  valid: ValidInputs,
): fc.Arbitrary<BadRequest> {
  return fc.oneof(...operations.map(op => requestArbitrary(op, valid)));
}

function urlOf(
  operation: ApiOperation,
  valid: ValidInputs,
  overrides: { path?: Record<string, string>; query?: string } = {},
): string {
  const filled = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(overrides.path?.[name] ?? valid.params(operation, name)),
  );
  const query =
    overrides.query ??
    operation.parameters
      .filter(p => p.in === 'query' && p.required)
      .map(
        p => `${p.name}=${encodeURIComponent(valid.params(operation, p.name))}`,
      )
      .join('&');
  return query ? `${filled}?${query}` : filled;
}

function base(operation: ApiOperation, valid: ValidInputs) {
  return {
    operation,
    url: urlOf(operation, valid),
    auth: 'valid' as const,
    body: operation.body ? valid.body(operation) : undefined,
  };
}

function authDefects(operation: ApiOperation, valid: ValidInputs) {
  if (operation.open) return [];
  return [
    fc.constantFrom<BadRequest['auth']>('none', 'garbage').map(auth => ({
      ...base(operation, valid),
      auth,
      defect: `auth: ${auth}`,
      names: ['credentials', 'token', 'authenticat', 'unauthorized'],
    })),
  ];
}

function pathDefects(operation: ApiOperation, valid: ValidInputs) {
  return operation.parameters
    .filter(p => p.in === 'path')
    .map(param =>
      // A patterned parameter gets values breaking its pattern; any other
      // (a cluster, an id) may also name something that does not exist.
      pathValues(param.schema)
        .filter(v => typeof v === 'string' && v.length > 0)
        .map(value => ({
          ...base(operation, valid),
          url: urlOf(operation, valid, {
            path: { [param.name]: String(value) },
          }),
          defect: `path ${param.name}: bad value`,
          names: [param.name, ...resourceWords(operation)],
        })),
    );
}

function pathValues(schema: Schema): fc.Arbitrary<unknown> {
  const broken = brokenConstraint(schema);
  if (schema.pattern && broken) return broken;
  const missing = fc.oneof(WEIRD_TEXT, LONG_URL_TEXT);
  return broken ? fc.oneof(broken, missing) : missing;
}

/** 404s name the resource that does not exist, e.g. "Schedule … not found". */
function resourceWords(operation: ApiOperation): string[] {
  return operation.path
    .split('/')
    .filter(segment => segment && !segment.startsWith('{'))
    .map(segment =>
      segment.replace(/ies$/, 'y').replace(/s$/, '').replace('-', ' '),
    );
}

/** Header values must be printable ASCII, or the client refuses to send them. */
function headerDefects(operation: ApiOperation, valid: ValidInputs) {
  const printable = (v: unknown): v is string =>
    typeof v === 'string' && /^[\x20-\x7e]+$/.test(v);
  return operation.parameters
    .filter(p => p.in === 'header')
    .map(param =>
      fc
        .oneof(
          brokenConstraint(param.schema) ?? fc.constantFrom(...INJECTIONS),
          fc.constantFrom(...INJECTIONS),
        )
        .filter(printable)
        .map(value => ({
          ...base(operation, valid),
          headers: { [param.name]: value },
          defect: `header ${param.name}: bad value`,
          names: [param.name],
        })),
    );
}

function queryDefects(operation: ApiOperation, valid: ValidInputs) {
  const query = operation.parameters.filter(p => p.in === 'query');
  const validQuery = (except: string) =>
    query
      .filter(p => p.required && p.name !== except)
      .map(
        p => `${p.name}=${encodeURIComponent(valid.params(operation, p.name))}`,
      );
  const withQuery = (parts: string[], defect: string, names: string[]) => ({
    ...base(operation, valid),
    url: urlOf(operation, valid, { query: parts.join('&') }),
    defect,
    names,
  });
  const unknown = fc
    .oneof(WEIRD_TEXT, fc.constantFrom('requestedBy', 'admin', 'debug'))
    .filter(name => !query.some(p => p.name === name))
    // The query parser drops keys like `__proto__`: the request has no such parameter.
    .filter(name => !(name in Object.prototype) && name !== '__proto__')
    .map(name =>
      withQuery(
        [...validQuery(''), `${encodeURIComponent(name)}=1`],
        'query: unknown parameter',
        [name, 'Unknown query parameter'],
      ),
    );
  const broken = query.flatMap(param => {
    const bad = badQueryValue(param.schema);
    return bad
      ? [
          bad.map(value =>
            withQuery(
              [
                ...validQuery(param.name),
                `${param.name}=${encodeURIComponent(value)}`,
              ],
              `query ${param.name}: bad value`,
              [param.name],
            ),
          ),
        ]
      : [];
  });
  const missing = query
    .filter(p => p.required)
    .map(param =>
      fc.constant(
        withQuery(validQuery(param.name), `query ${param.name}: missing`, [
          param.name,
        ]),
      ),
    );
  const repeated = query
    .filter(p => p.schema.type !== 'array')
    .map(param =>
      fc.constant(
        withQuery(
          [
            ...validQuery(param.name),
            `${param.name}=${encodeURIComponent(
              valid.params(operation, param.name),
            )}`,
            `${param.name}=${encodeURIComponent(
              valid.params(operation, param.name),
            )}`,
          ],
          `query ${param.name}: repeated`,
          [param.name],
        ),
      ),
    );
  return [unknown, ...broken, ...missing, ...repeated];
}

/** A string the schema does not constrain: only the service can tell it is wrong. */
function isFreeString(schema: Schema): boolean {
  return (
    schema.type === 'string' &&
    !schema.enum &&
    !schema.pattern &&
    schema.maxLength === undefined
  );
}

function bodyDefects(operation: ApiOperation, valid: ValidInputs) {
  const schema = operation.body;
  if (!schema) return [];
  const props = Object.entries(schema.properties ?? {});
  const validBody = valid.body(operation);
  const withBody = (
    body: unknown,
    defect: string,
    names: string[],
    contentType = 'application/json',
  ) => ({ ...base(operation, valid), body, contentType, defect, names });
  // `cost_center` is "cost center" in prose.
  const field = (name: string, value: unknown, defect: string) =>
    withBody({ ...validBody, [name]: value }, `body ${name}: ${defect}`, [
      name,
      name.replace('_', ' '),
    ]);

  const arbitraries: fc.Arbitrary<BadRequest>[] = [
    ...props.map(([name, prop]) =>
      wrongType(prop).map(v => field(name, v, 'wrong type')),
    ),
    ...props.flatMap(([name, prop]) => {
      const broken = brokenConstraint(prop);
      return broken ? [broken.map(v => field(name, v, 'constraint'))] : [];
    }),
    ...(schema.required ?? []).map(name => {
      const { [name]: _dropped, ...rest } = validBody;
      return fc.constant(withBody(rest, `body ${name}: missing`, [name]));
    }),
    fc
      .oneof(
        WEIRD_TEXT,
        fc.constantFrom('requestedBy', 'approvedBy', 'user_id'),
      )
      .filter(name => !(name in (schema.properties ?? {})))
      .map(name =>
        // Raw JSON, so that keys like `__proto__` arrive as written.
        withBody(
          JSON.stringify(validBody).replace(
            /^\{/,
            `{${JSON.stringify(name)}:"x",`,
          ),
          'body: unknown field',
          [name, 'not an allowed field'],
        ),
      ),
    ...props
      .filter(([name, prop]) => name in validBody && isFreeString(prop))
      .filter(([name]) => name !== 'title')
      .map(([name]) =>
        WEIRD_TEXT.map(v => field(name, v, 'meaningless value')),
      ),
    fc
      .oneof(
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.integer(),
        WEIRD_TEXT.map(s => JSON.stringify(s)),
        fc.constant('null'),
      )
      .map(body =>
        withBody(
          typeof body === 'string' ? body : JSON.stringify(body),
          'body: not an object',
          ['body', 'object'],
        ),
      ),
    fc
      .constantFrom('{', '{"costCenter": }', "{'a': 1}", '{"a":1,}', 'NaN')
      .map(raw => withBody(raw, 'body: malformed JSON', ['JSON', 'body'])),
    HUGE_TEXT.map(text =>
      withBody({ ...validBody, [props[0][0]]: text }, 'body: over 100 kB', [
        'too large',
        'limit',
      ]),
    ),
    fc
      .constantFrom('text/plain', 'application/x-www-form-urlencoded')
      .map(type =>
        withBody(
          JSON.stringify(validBody),
          `body: ${type}`,
          ['body', 'content-type', 'media type', ...(schema.required ?? [])],
          type,
        ),
      ),
  ];
  return arbitraries;
}
