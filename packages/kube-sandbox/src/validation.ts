import { FieldError } from './errors';
import { ResourceDef } from './resources';
import {
  labelSelectorString,
  matchesLabels,
  parseLabelSelector,
} from './selectors';
import { getField, isObject, KubeObject } from './types';

/**
 * What the real server checks on the objects the plugin writes: field types (a decode error,
 * 400 on create/update and 422 on patch) and field values (422 Invalid).
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function validateName(name: string, kind: string): FieldError[] {
  const field = 'metadata.name';
  if (!name)
    return [
      { field, type: 'Required', detail: 'name or generateName is required' },
    ];
  if (kind === 'Namespace') {
    if (name.length > 63)
      return [
        {
          field,
          type: 'Invalid',
          value: name,
          detail: 'must be no more than 63 characters',
        },
      ];
    return DNS1123_LABEL.test(name)
      ? []
      : [{ field, type: 'Invalid', value: name, detail: LABEL_MESSAGE }];
  }
  if (name.length > 253)
    return [
      {
        field,
        type: 'Invalid',
        value: name,
        detail: 'must be no more than 253 characters',
      },
    ];
  if (!DNS1123_SUBDOMAIN.test(name))
    return [{ field, type: 'Invalid', value: name, detail: SUBDOMAIN_MESSAGE }];
  // CronJob names get an 11-character suffix on their Jobs.
  if (kind === 'CronJob' && name.length > 52) {
    return [
      {
        field,
        type: 'Invalid',
        value: name,
        detail: 'must be no more than 52 characters',
      },
    ];
  }
  return [];
}

const KIND_RULES: Record<string, (obj: KubeObject) => FieldError[]> = {
  Deployment: validateWorkload,
  StatefulSet: validateWorkload,
  CronJob: validateCronJob,
  HorizontalPodAutoscaler: validateHpa,
  PodDisruptionBudget: validatePdb,
};

export function validateObject(
  def: ResourceDef,
  obj: KubeObject,
): FieldError[] {
  return [
    ...validateName(obj.metadata.name ?? '', def.kind),
    ...validateLabelsAndAnnotations(obj),
    ...(KIND_RULES[def.kind]?.(obj) ?? []),
  ];
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** What is wrong with a label or annotation key (k8s.io/apimachinery IsQualifiedName). */
function qualifiedNameProblems(key: string): string[] {
  const slash = key.lastIndexOf('/');
  const [prefix, name] =
    slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : ['', key];
  const problems: string[] = [];
  if (slash >= 0) {
    if (prefix.length === 0) {
      problems.push('prefix part must be non-empty');
    } else if (!DNS1123_SUBDOMAIN.test(prefix)) {
      problems.push(`prefix part ${SUBDOMAIN_MESSAGE}`);
    } else if (prefix.length > 253) {
      problems.push('prefix part must be no more than 253 characters');
    }
  }
  if (name.length === 0) {
    problems.push('name part must be non-empty');
  } else if (name.length > 63) {
    problems.push('name part must be no more than 63 characters');
  }
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) {
    problems.push(QUALIFIED_NAME_MESSAGE);
  }
  return problems;
}

function validateLabelsAndAnnotations(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const labels = isObject(obj.metadata.labels) ? obj.metadata.labels : {};
  for (const [key, value] of Object.entries(labels)) {
    for (const detail of qualifiedNameProblems(key)) {
      errors.push({
        field: 'metadata.labels',
        type: 'Invalid',
        value: key,
        detail,
      });
    }
    const text = String(value);
    if (text.length > 63) {
      errors.push({
        field: 'metadata.labels',
        type: 'Invalid',
        value: text,
        detail: 'must be no more than 63 characters',
      });
    } else if (!LABEL_VALUE.test(text)) {
      errors.push({
        field: 'metadata.labels',
        type: 'Invalid',
        value: text,
        detail: LABEL_VALUE_MESSAGE,
      });
    }
  }
  const annotations = isObject(obj.metadata.annotations)
    ? obj.metadata.annotations
    : {};
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    bytes += Buffer.byteLength(key) + Buffer.byteLength(String(value));
    for (const detail of qualifiedNameProblems(key.toLowerCase())) {
      errors.push({
        field: 'metadata.annotations',
        type: 'Invalid',
        value: key,
        detail,
      });
    }
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    errors.push({
      field: 'metadata.annotations',
      type: 'TooLong',
      detail: `must have at most ${ANNOTATIONS_MAX_BYTES} bytes`,
    });
  }
  return errors;
}

export function validateReplicas(
  value: unknown,
  field = 'spec.replicas',
): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [
        {
          field,
          type: 'Invalid',
          value,
          detail: 'must be greater than or equal to 0',
        },
      ]
    : [];
}

function validateWorkload(obj: KubeObject): FieldError[] {
  const errors = validateReplicas(getField(obj, 'spec', 'replicas'));
  const selector = getField(obj, 'spec', 'selector');
  const selectorText = labelSelectorString(selector);
  if (!selectorText) {
    errors.push({ field: 'spec.selector', type: 'Required' });
  } else {
    const labels = getField(obj, 'spec', 'template', 'metadata', 'labels');
    const templateLabels = Object.fromEntries(
      Object.entries(isObject(labels) ? labels : {}).map(([k, v]) => [
        k,
        String(v),
      ]),
    );
    if (!matchesLabels(parseLabelSelector(selectorText), templateLabels)) {
      errors.push({
        field: 'spec.template.metadata.labels',
        type: 'Invalid',
        value: templateLabels,
        detail: '`selector` does not match template `labels`',
      });
    }
  }
  return [
    ...errors,
    ...validateContainers(
      getField(obj, 'spec', 'template', 'spec', 'containers'),
      'spec.template.spec.containers',
    ),
  ];
}

function validateContainers(containers: unknown, field: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0)
    return [{ field, type: 'Required' }];
  return containers.flatMap((container, i) =>
    (['name', 'image'] as const)
      .filter(key => !getField(container, key))
      .map(key => ({
        field: `${field}[${i}].${key}`,
        type: 'Required' as const,
      })),
  );
}

function validateCronJob(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = getField(obj, 'spec', 'schedule')
    ? []
    : [{ field: 'spec.schedule', type: 'Required' }];
  const containers = getField(
    obj,
    'spec',
    'jobTemplate',
    'spec',
    'template',
    'spec',
    'containers',
  );
  return [
    ...errors,
    ...validateContainers(
      containers,
      'spec.jobTemplate.spec.template.spec.containers',
    ),
  ];
}

function validateHpa(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = (['kind', 'name'] as const)
    .filter(key => !getField(obj, 'spec', 'scaleTargetRef', key))
    .map(key => ({ field: `spec.scaleTargetRef.${key}`, type: 'Required' }));
  const min = getField(obj, 'spec', 'minReplicas');
  const max = getField(obj, 'spec', 'maxReplicas');
  if (typeof min === 'number' && min < 1) {
    errors.push({
      field: 'spec.minReplicas',
      type: 'Invalid',
      value: min,
      detail: 'must be greater than or equal to 1',
    });
  }
  if (typeof max !== 'number' || max < 1) {
    errors.push({
      field: 'spec.maxReplicas',
      type: 'Invalid',
      value: max ?? 0,
      detail: 'must be greater than 0',
    });
  } else if (typeof min === 'number' && max < min) {
    errors.push({
      field: 'spec.maxReplicas',
      type: 'Invalid',
      value: max,
      detail: 'must be greater than or equal to `minReplicas`',
    });
  }
  return errors;
}

function validatePdb(obj: KubeObject): FieldError[] {
  const spec = getField(obj, 'spec');
  return isObject(spec) &&
    spec.minAvailable !== undefined &&
    spec.maxUnavailable !== undefined
    ? [
        {
          field: 'spec',
          type: 'Invalid',
          value: spec,
          detail: 'minAvailable and maxUnavailable cannot be both set',
        },
      ]
    : [];
}

// --- field types: what Go's JSON decoder would refuse -------------------------------------

type GoType = 'int32' | 'bool' | 'string';

interface TypedField {
  path: string[];
  type: GoType;
  struct: string;
}

const TYPED_FIELDS: Record<string, TypedField[]> = {
  Deployment: [
    { path: ['spec', 'replicas'], type: 'int32', struct: 'DeploymentSpec' },
  ],
  StatefulSet: [
    { path: ['spec', 'replicas'], type: 'int32', struct: 'StatefulSetSpec' },
  ],
  CronJob: [{ path: ['spec', 'suspend'], type: 'bool', struct: 'CronJobSpec' }],
  HorizontalPodAutoscaler: [
    {
      path: ['spec', 'minReplicas'],
      type: 'int32',
      struct: 'HorizontalPodAutoscalerSpec',
    },
    {
      path: ['spec', 'maxReplicas'],
      type: 'int32',
      struct: 'HorizontalPodAutoscalerSpec',
    },
  ],
  Scale: [{ path: ['spec', 'replicas'], type: 'int32', struct: 'ScaleSpec' }],
};

/** The decoder's message for the first mistyped field, if any. */
export function decodeError(kind: string, obj: KubeObject): string | undefined {
  for (const { path, type, struct } of TYPED_FIELDS[kind] ?? []) {
    const problem = typeProblem(getField(obj, ...path), type);
    if (problem)
      return unmarshalMessage(problem, `${struct}.${path.join('.')}`, type);
  }
  for (const map of ['labels', 'annotations']) {
    const values = obj.metadata[map];
    if (values !== undefined && values !== null && !isObject(values)) {
      return unmarshalMessage(
        jsonKind(values),
        `ObjectMeta.metadata.${map}`,
        'map[string]string',
      );
    }
    for (const value of Object.values(isObject(values) ? values : {})) {
      const problem = typeProblem(value, 'string');
      if (problem)
        return unmarshalMessage(
          problem,
          `ObjectMeta.metadata.${map}`,
          'string',
        );
    }
  }
  return undefined;
}

function unmarshalMessage(
  problem: string,
  field: string,
  type: string,
): string {
  return `json: cannot unmarshal ${problem} into Go struct field ${field} of type ${type}`;
}

/** How Go's decoder names a value it cannot store, or undefined if it fits. */
function typeProblem(value: unknown, type: GoType): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (type === 'int32') {
    if (typeof value !== 'number') return jsonKind(value);
    return Number.isInteger(value) && Math.abs(value) < 2 ** 31
      ? undefined
      : `number ${value}`;
  }
  const expected = type === 'bool' ? 'boolean' : 'string';
  return typeof value === expected ? undefined : jsonKind(value);
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}
