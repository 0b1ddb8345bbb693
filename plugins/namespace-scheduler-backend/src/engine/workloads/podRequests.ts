import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import type { PodRequests } from '@namespace-scheduler/backstage-plugin-common';

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/;

/**
 * A Kubernetes resource quantity (`250m`, `1.5Gi`, `1e3`) as a number. The
 * API server rejects malformed quantities, so one never reaches us from a
 * cluster; should it, it counts as nothing rather than failing the status.
 */
export function parseQuantity(value: string | undefined): number {
  const match = QUANTITY.exec(value?.trim() ?? '');
  const factor = match ? SUFFIX[match[2]] : undefined;
  return match && factor !== undefined ? Number(match[1]) * factor : 0;
}

/**
 * What one pod of the template requests: the sum over its containers. Init
 * containers are left out: they finish before the pod runs for the hours a
 * cost report counts.
 */
export function podRequestsOf(
  template: V1PodTemplateSpec | undefined,
): PodRequests {
  let cpuCores = 0;
  let memoryBytes = 0;
  for (const container of template?.spec?.containers ?? []) {
    const requests = container.resources?.requests ?? {};
    cpuCores += parseQuantity(requests.cpu);
    memoryBytes += parseQuantity(requests.memory);
  }
  return { cpuCores, memoryBytes };
}
