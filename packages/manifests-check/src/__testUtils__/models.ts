import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
import { ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { describeObject, KubeObject } from '../kustomize';

interface Validatable {
  validate(): void;
}

/** A kubernetes-models class: its static type meta and a constructor. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * Every kind the manifests may contain, each with its schema (from
 * kubernetes-models and its Argo CD / Prometheus Operator CRD packages). A
 * kind missing here fails the check instead of going unvalidated: add its
 * model when adding the kind.
 */
const MODELS: ModelClass[] = [
  Namespace,
  ServiceAccount,
  ConfigMap,
  Secret,
  Service,
  PersistentVolumeClaim,
  Deployment,
  StatefulSet,
  CronJob,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  Ingress,
  NetworkPolicy,
  ClusterRole,
  ClusterRoleBinding,
  Role,
  RoleBinding,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  PrometheusRule,
  ServiceMonitor,
  Application,
  AppProject,
];

const BY_TYPE = new Map<string, ModelClass>(
  MODELS.map(model => [`${model.apiVersion}/${model.kind}`, model]),
);

export class UnknownKindError extends Error {
  constructor(object: KubeObject) {
    super(
      `${describeObject(object)}: no schema for ${object.apiVersion} ${
        object.kind
      } (add its kubernetes-models class to packages/manifests-check/src/__testUtils__/models.ts)`,
    );
    this.name = 'UnknownKindError';
  }
}

/** The model class of an object's apiVersion and kind, if known. */
export function modelFor(object: KubeObject): ModelClass | undefined {
  return BY_TYPE.get(`${object.apiVersion}/${object.kind}`);
}

/**
 * Validates an object against the schema of its apiVersion and kind. Throws
 * UnknownKindError for a kind without a model, and an Error naming the
 * object and the failing field for a schema violation.
 */
export function validateObject(object: KubeObject): void {
  const model = modelFor(object);
  if (!model) {
    throw new UnknownKindError(object);
  }
  const Construct = model as unknown as new (data: unknown) => Validatable;
  try {
    new Construct(object).validate();
  } catch (error) {
    throw new Error(
      `${describeObject(object)} (${object.apiVersion}): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
