import { isDryRun, OptionsKind, parseBody, toKubeObject } from './body';
import { badRequest, invalid, ResourceNames } from './errors';
import { ApiCall, Reply } from './handlers';
import { applyPatch } from './patch';
import { getField, KubeObject } from './types';
import { decodeError, validateReplicas } from './validation';
import { applyScale, toScale } from './workloads';

/** The `/scale` subresource of Deployments and StatefulSets (autoscaling/v1 Scale). */

const SCALE: ResourceNames = {
  group: 'autoscaling',
  plural: 'scale',
  kind: 'Scale',
};
const SCALE_TYPE = { kind: 'Scale', apiVersion: 'autoscaling/v1' };

function read({ cluster, route }: ApiCall): KubeObject {
  return cluster.read(route.def, route.namespace, route.name ?? '');
}

export function getScale(call: ApiCall): Reply {
  return { code: 200, body: toScale(read(call)) };
}

export function replaceScale(call: ApiCall): Reply {
  const scale = toKubeObject(
    parseBody(call.body, call.contentType),
    SCALE_TYPE,
  );
  return writeScale(call, scale, 'UpdateOptions');
}

export function patchScale(call: ApiCall): Reply {
  const patched = applyPatch(call.contentType, toScale(read(call)), call.body, {
    custom: false,
  });
  return writeScale(call, toKubeObject(patched, SCALE_TYPE), 'PatchOptions');
}

function writeScale(
  call: ApiCall,
  scale: KubeObject,
  optionsKind: OptionsKind,
): Reply {
  const { cluster, route, query } = call;
  const name = route.name ?? '';
  if (scale.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${scale.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const problem = decodeError('Scale', scale);
  if (problem) {
    if (optionsKind === 'PatchOptions')
      throw invalid(SCALE, name, [
        { field: 'patch', type: 'Invalid', detail: problem },
      ]);
    throw badRequest(
      `Scale in version "v1" cannot be handled as a Scale: ${problem}`,
    );
  }
  const errors = validateReplicas(getField(scale, 'spec', 'replicas'));
  if (errors.length) throw invalid(SCALE, name, errors);
  const updated = cluster.update(
    route.def,
    route.namespace,
    name,
    applyScale(read(call), scale),
    {
      dryRun: isDryRun(query.getAll('dryRun'), optionsKind),
    },
  );
  return { code: 200, body: toScale(updated) };
}
