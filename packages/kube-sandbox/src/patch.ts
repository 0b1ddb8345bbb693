import {
  applyPatch as applyJsonPatch,
  JsonPatchError,
  Operation,
} from 'fast-json-patch';
import { mediaType } from './body';
import { badRequest, failure, unsupportedMediaType } from './errors';
import { strategicMergePatch } from './strategic';
import { clone, isObject, JsonObject } from './types';

const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;

/**
 * Applies a PATCH body to an object, by Content-Type. Server-side apply
 * (`application/apply-patch+yaml`) is not supported and answers 415 like any unknown type.
 */
export function applyPatch(
  contentType: string | undefined,
  target: JsonObject,
  body: string,
  options: { custom: boolean },
): JsonObject {
  const type = mediaType(contentType);
  // Custom resources have no Go types to read merge keys from, so the server refuses SMP for them.
  const accepted: string[] = options.custom
    ? [PatchType.json, PatchType.merge]
    : [PatchType.json, PatchType.merge, PatchType.strategic];
  switch (accepted.includes(type) ? type : undefined) {
    case PatchType.json:
      return jsonPatch(target, parseBody(body));
    case PatchType.merge:
      return mergePatchObject(target, parseBody(body));
    case PatchType.strategic:
      return strategicMergePatch(target, requireObject(parseBody(body)));
    default:
      throw unsupportedMediaType(accepted);
  }
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

function requireObject(patch: unknown): JsonObject {
  if (!isObject(patch)) {
    throw badRequest(
      `json: cannot unmarshal ${jsonTypeName(
        patch,
      )} into Go value of type map[string]interface {}`,
    );
  }
  return patch;
}

function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function mergePatchObject(target: JsonObject, patch: unknown): JsonObject {
  return requireObject(mergePatch(target, requireObject(patch)));
}

/**
 * RFC 6902 JSON patch. Any failure while applying (a failed `test`, a missing path) is a
 * 422 Invalid with the server's generic message; the server drops the detail, the sandbox
 * keeps it in `details.causes` to make test failures readable.
 */
function jsonPatch(target: JsonObject, patch: unknown): JsonObject {
  if (!Array.isArray(patch)) {
    throw badRequest(
      `json: cannot unmarshal ${jsonTypeName(
        patch,
      )} into Go value of type jsonpatch.Patch`,
    );
  }
  try {
    const { newDocument } = applyJsonPatch(
      target,
      patch as Operation[],
      true,
      false,
    );
    return requireObject(newDocument);
  } catch (e) {
    if (!(e instanceof JsonPatchError)) throw e;
    throw failure(
      422,
      'the server rejected our request due to an error in our request',
      {
        causes: [
          { reason: 'FieldValueInvalid', message: e.message.split('\n')[0] },
        ],
      },
    );
  }
}
