import { badRequest } from './errors';
import { compareStrings, getField, isObject, KubeObject } from './types';

/** Label selectors (`app=web,tier in (a,b),!legacy`) and field selectors, with the server's syntax. */

type Operator =
  | '='
  | '!='
  | 'in'
  | 'notin'
  | 'exists'
  | '!exists'
  | 'gt'
  | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[-A-Za-z0-9_.]*`;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const SET_REQUIREMENT = new RegExp(
  String.raw`^(${KEY})\s+(in|notin)\s*\(([^()]*)\)$`,
);
const EQUALITY_REQUIREMENT = new RegExp(
  String.raw`^(${KEY})\s*(==|=|!=|>|<)\s*(${VALUE})$`,
);
const EXISTS_REQUIREMENT = new RegExp(String.raw`^(!?)\s*(${KEY})$`);

const EQUALITY_OPERATORS: Record<string, Operator> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

export function parseLabelSelector(
  selector: string | undefined,
): Requirement[] {
  if (!selector?.trim()) return [];
  return splitTopLevel(selector).map(parseRequirement);
}

/** Splits on commas that are not inside an `in (...)` value list. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim());
}

function parseRequirement(text: string): Requirement {
  const set = SET_REQUIREMENT.exec(text);
  if (set) {
    const values = set[3].split(',').map(v => v.trim());
    return checked({ key: set[1], operator: set[2] as Operator, values });
  }
  const equality = EQUALITY_REQUIREMENT.exec(text);
  if (equality) {
    const operator = EQUALITY_OPERATORS[equality[2]];
    return checked({ key: equality[1], operator, values: [equality[3]] });
  }
  const exists = EXISTS_REQUIREMENT.exec(text);
  if (exists) {
    return checked({
      key: exists[2],
      operator: exists[1] ? '!exists' : 'exists',
      values: [],
    });
  }
  throw badRequest(`unable to parse requirement: ${JSON.stringify(text)}`);
}

function checked(req: Requirement): Requirement {
  const slash = req.key.lastIndexOf('/');
  const name = req.key.slice(slash + 1);
  if (!NAME_PART.test(name) || name.length > 63) {
    throw badRequest(
      `unable to parse requirement: invalid label key "${req.key}"`,
    );
  }
  const badValue = req.values.find(
    v => v.length > 63 || (v !== '' && !NAME_PART.test(v)),
  );
  if (badValue !== undefined) {
    throw badRequest(
      `unable to parse requirement: invalid label value: "${badValue}"`,
    );
  }
  if (
    (req.operator === 'gt' || req.operator === 'lt') &&
    !/^-?\d+$/.test(req.values[0])
  ) {
    throw badRequest(
      `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
    );
  }
  return req;
}

export function matchesLabels(
  requirements: Requirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every(({ key, operator, values }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const value = labels[key];
    switch (operator) {
      case '=':
        return has && value === values[0];
      case '!=':
        return !has || value !== values[0];
      case 'in':
        return has && values.includes(value);
      case 'notin':
        return !has || !values.includes(value);
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'gt':
        return has && Number(value) > Number(values[0]);
      default:
        return has && Number(value) < Number(values[0]);
    }
  });
}

/** Renders a `metav1.LabelSelector` as its string form (as in Scale `status.selector`). */
export function labelSelectorString(selector: unknown): string {
  const matchLabels = getField(selector, 'matchLabels');
  const matchExpressions = getField(selector, 'matchExpressions');
  const parts: Array<[string, string]> = [];
  if (isObject(matchLabels)) {
    for (const [key, value] of Object.entries(matchLabels))
      parts.push([key, `${key}=${value}`]);
  }
  for (const expr of Array.isArray(matchExpressions) ? matchExpressions : []) {
    const key = String(getField(expr, 'key'));
    const rawValues = getField(expr, 'values');
    const values = (Array.isArray(rawValues) ? rawValues.map(String) : [])
      .sort()
      .join(',');
    const rendered: Record<string, string> = {
      In: `${key} in (${values})`,
      NotIn: `${key} notin (${values})`,
      Exists: key,
      DoesNotExist: `!${key}`,
    };
    parts.push([key, rendered[String(getField(expr, 'operator'))] ?? key]);
  }
  return parts
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, text]) => text)
    .join(',');
}

// Field selectors: every kind supports metadata.name/namespace; a few kinds add their own.
const EXTRA_FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
  ],
  Namespace: ['status.phase'],
};

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

export function parseFieldSelector(
  selector: string | undefined,
  kind: string,
): FieldRequirement[] {
  if (!selector?.trim()) return [];
  const supported = [
    'metadata.name',
    'metadata.namespace',
    ...(EXTRA_FIELDS[kind] ?? []),
  ];
  return selector.split(',').map(part => {
    const match = /^\s*([A-Za-z.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!match)
      throw badRequest(
        `invalid selector: '${selector}'; can't understand '${part}'`,
      );
    if (!supported.includes(match[1]))
      throw badRequest(`field label not supported: ${match[1]}`);
    return { field: match[1], negate: match[2] === '!=', value: match[3] };
  });
}

function matchesFields(
  requirements: FieldRequirement[],
  obj: KubeObject,
): boolean {
  return requirements.every(({ field, negate, value }) => {
    const actual = getField(obj, ...field.split('.'));
    return (String(actual ?? '') === value) !== negate;
  });
}

/** Label and field selectors of one request, applied together. */
export interface Selectors {
  labels: Requirement[];
  fields: FieldRequirement[];
}

export function matchesSelectors(
  selectors: Selectors,
  obj: KubeObject,
): boolean {
  return (
    matchesLabels(selectors.labels, obj.metadata.labels) &&
    matchesFields(selectors.fields, obj)
  );
}
