import { KubeObject } from '../kustomize';

/** Pod templates of the workload kinds, with the object they belong to. */
export interface PodTemplateRef {
  owner: KubeObject;
  spec: PodSpec;
  labels: Record<string, string>;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  args?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  envFrom?: Array<{
    secretRef?: { name: string };
    configMapRef?: { name: string };
  }>;
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface PodSpec {
  serviceAccountName?: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    seccompProfile?: { type: string };
  };
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: Array<{
    name: string;
    emptyDir?: object;
    configMap?: { name: string };
    secret?: { secretName: string };
  }>;
}

interface Template {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

const POD_OWNERS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];

/** Every pod template in the objects (Deployment, StatefulSet, DaemonSet, Job, CronJob). */
export function podTemplates(objects: KubeObject[]): PodTemplateRef[] {
  return objects.flatMap(owner => {
    const spec = owner.spec as
      | { template?: Template; jobTemplate?: { spec: { template: Template } } }
      | undefined;
    let template: Template | undefined;
    if (owner.kind === 'CronJob') {
      template = spec?.jobTemplate?.spec.template;
    } else if (POD_OWNERS.includes(owner.kind)) {
      template = spec?.template;
    }
    return template
      ? [
          {
            owner,
            spec: template.spec,
            labels: template.metadata?.labels ?? {},
          },
        ]
      : [];
  });
}

export function ofKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter(object => object.kind === kind);
}

export function oneOfKind(objects: KubeObject[], kind: string): KubeObject {
  const found = ofKind(objects, kind);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}, found ${found.length}`);
  }
  return found[0];
}

/** Whether a label selector's matchLabels select the given labels. */
export function selects(
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
): boolean {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  return (
    wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value)
  );
}
