import { badRequest } from './errors';
import { clone, isObject, JsonObject } from './types';

/**
 * Strategic merge patch, the subset the sandbox supports.
 *
 * The real server reads merge keys from the Go struct tags of each built-in type; the sandbox
 * keys them by field name, which is right for the workload kinds it serves:
 *  - maps merge recursively; `null` deletes a key;
 *  - lists named below merge by key (items matched on the key merge, new ones are appended,
 *    `{"<key>": x, "$patch": "delete"}` removes one); `finalizers` merges as a set;
 *    every other list is replaced, like a JSON merge patch;
 *  - directives: `$patch: replace|delete` in maps, `$patch: replace` as a list item,
 *    `$retainKeys`, `$deleteFromPrimitiveList/<field>`; `$setElementOrder/<field>` is accepted and
 *    ignored (merged lists keep the original order, new items last).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
};

const SET_LISTS = new Set(['finalizers']);

const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

export function strategicMergePatch(
  original: JsonObject,
  patch: JsonObject,
): JsonObject {
  const merged = mergeMap(original, patch);
  if (!merged)
    throw badRequest('a strategic merge patch cannot delete the whole object');
  return merged;
}

/** Returns undefined when the patch deletes the map (`$patch: delete`). */
function mergeMap(
  original: JsonObject,
  patch: JsonObject,
): JsonObject | undefined {
  const { $patch: directive, $retainKeys: retainKeys, ...fields } = patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return mergeMap({}, fields);
  if (directive !== undefined)
    throw badRequest(`Unknown patch type: ${String(directive)}`);

  const result: JsonObject = clone(original);
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      deleteFromList(
        result,
        key.slice(DELETE_FROM_PRIMITIVE_LIST.length),
        value,
      );
    } else if (value === null) {
      delete result[key];
    } else if (isObject(value)) {
      const existing = result[key];
      const merged = mergeMap(isObject(existing) ? existing : {}, value);
      if (merged) result[key] = merged;
      else delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else {
      result[key] = value;
    }
  }
  if (Array.isArray(retainKeys)) {
    for (const key of Object.keys(result))
      if (!retainKeys.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(
  field: string,
  original: unknown,
  patch: unknown[],
): unknown[] {
  const originalItems = Array.isArray(original) ? original : [];
  if (patch.some(item => isObject(item) && item.$patch === 'replace')) {
    return insertable(
      patch.filter(item => !(isObject(item) && item.$patch === 'replace')),
    );
  }
  const mergeKey = MERGE_KEYS[field];
  if (mergeKey) return mergeByKey(field, mergeKey, originalItems, patch);
  if (SET_LISTS.has(field)) {
    return [
      ...originalItems,
      ...patch.filter(item => !originalItems.includes(item)),
    ];
  }
  return insertable(patch);
}

function mergeByKey(
  field: string,
  mergeKey: string,
  original: unknown[],
  patch: unknown[],
): unknown[] {
  const result = clone(original);
  for (const item of patch) {
    if (!isObject(item) || item[mergeKey] === undefined) {
      throw badRequest(
        `map: ${JSON.stringify(
          item,
        )} does not contain declared merge key: ${mergeKey} (in ${field})`,
      );
    }
    const index = result.findIndex(
      existing => isObject(existing) && existing[mergeKey] === item[mergeKey],
    );
    const existing = result[index];
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (isObject(existing)) {
      result[index] = mergeMap(existing, item);
    } else {
      result.push(mergeMap({}, item));
    }
  }
  return result;
}

/** New list items may still carry directives; resolve them against nothing. */
function insertable(items: unknown[]): unknown[] {
  return items.map(item => (isObject(item) ? mergeMap({}, item) ?? {} : item));
}

function deleteFromList(
  target: JsonObject,
  field: string,
  values: unknown,
): void {
  const current = target[field];
  if (!Array.isArray(current) || !Array.isArray(values)) return;
  target[field] = current.filter(item => !values.includes(item));
}
