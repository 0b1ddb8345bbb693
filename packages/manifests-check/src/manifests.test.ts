import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describeObject, KubeObject, kustomizeBuild } from './kustomize';
import { UnknownKindError, validateObject } from './__testUtils__/models';
import { repoPath } from './paths';
import {
  ContainerSpec,
  ofKind,
  oneOfKind,
  PodSpec,
  podTemplates,
  selects,
} from './__testUtils__/testing';

/*
 * Renders every kustomization under manifests/ with the bundled kustomize
 * binary and validates each object against its Kubernetes (or CRD) schema,
 * then checks the policies the deployment promises: hardened pods, least
 * privilege RBAC, default-deny networking, TLS, and production redundancy.
 */

const PORTAL_OVERLAYS = {
  base: 'manifests/base',
  dev: 'manifests/overlays/dev',
  production: 'manifests/overlays/production',
} as const;
type Overlay = keyof typeof PORTAL_OVERLAYS;
const ALL_TARGETS = { ...PORTAL_OVERLAYS, argocd: 'manifests/argocd' };
type Target = keyof typeof ALL_TARGETS;

const HEALTH_PATH = '/api/namespace-scheduler/health';
const READY_PATH = '/api/namespace-scheduler/health/ready';

const rendered = {} as Record<Target, KubeObject[]>;

beforeAll(async () => {
  await Promise.all(
    Object.entries(ALL_TARGETS).map(async ([target, dir]) => {
      rendered[target as Target] = await kustomizeBuild(repoPath(dir));
    }),
  );
}, 60_000);

function allContainers(spec: PodSpec): ContainerSpec[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

describe('the schema check itself', () => {
  it('rejects an object of a kind it has no schema for', () => {
    const object: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    };
    expect(() => validateObject(object)).toThrow(UnknownKindError);
  });

  it('rejects a schema violation and names the field', () => {
    const object: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: {
        replicas: 'two',
        selector: {},
        template: { spec: { containers: [{ name: 'a' }] } },
      },
    };
    expect(() => validateObject(object)).toThrow(/spec\/replicas/);
  });

  it('rejects a CRD object that breaks its CRD schema', () => {
    const object: KubeObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'a' },
      spec: {
        project: 'p',
        destination: {},
        syncPolicy: { automated: { prune: 'yes' } },
      },
    };
    expect(() => validateObject(object)).toThrow(/prune/);
  });
});

describe.each(Object.keys(ALL_TARGETS) as Target[])(
  'kustomize build %s',
  target => {
    it('renders objects that all validate against their schemas', () => {
      const objects = rendered[target];
      expect(objects.length).toBeGreaterThan(0);
      const failures = objects.flatMap(object => {
        try {
          validateObject(object);
          return [];
        } catch (error) {
          return [error instanceof Error ? error.message : String(error)];
        }
      });
      expect(failures).toEqual([]);
    });

    it('renders no two objects with the same kind, namespace and name', () => {
      const ids = rendered[target].map(describeObject);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    });
  },
);

describe.each(Object.keys(PORTAL_OVERLAYS) as Overlay[])(
  'the portal in %s',
  overlay => {
    const objects = () => rendered[overlay];
    const portal = () => oneOfKind(objects(), 'Deployment');
    const pods = () => podTemplates(objects());

    it('runs every container non-root, read-only, without capabilities, under seccomp', () => {
      expect(pods().length).toBeGreaterThan(0);
      for (const { owner, spec } of pods()) {
        expect(spec.securityContext?.seccompProfile?.type).toBe(
          'RuntimeDefault',
        );
        for (const container of allContainers(spec)) {
          const where = `${describeObject(owner)} container ${container.name}`;
          const context = container.securityContext ?? {};
          expect({
            where,
            runAsNonRoot:
              context.runAsNonRoot ?? spec.securityContext?.runAsNonRoot,
            readOnlyRootFilesystem: context.readOnlyRootFilesystem,
            allowPrivilegeEscalation: context.allowPrivilegeEscalation,
            privileged: context.privileged ?? false,
            drop: context.capabilities?.drop,
            add: context.capabilities?.add ?? [],
          }).toEqual({
            where,
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            privileged: false,
            drop: ['ALL'],
            add: [],
          });
        }
      }
    });

    it('gives every container probes and resource requests and limits', () => {
      for (const { spec } of pods()) {
        for (const container of spec.containers) {
          expect(container.livenessProbe).toBeDefined();
          expect(container.readinessProbe).toBeDefined();
          for (const resource of ['cpu', 'memory']) {
            expect(container.resources?.requests?.[resource]).toBeDefined();
            expect(container.resources?.limits?.[resource]).toBeDefined();
          }
        }
      }
    });

    it("starts the metrics exporter, probes the plugin's health endpoints and exposes the metrics port", () => {
      const [backend] = (portal().spec as { template: { spec: PodSpec } })
        .template.spec.containers;
      expect(backend.args?.slice(0, 4)).toEqual([
        'node',
        '--require',
        './instrumentation.js',
        'packages/backend',
      ]);
      expect(backend.livenessProbe?.httpGet?.path).toBe(HEALTH_PATH);
      expect(backend.readinessProbe?.httpGet?.path).toBe(READY_PATH);
      expect(backend.ports).toEqual(
        expect.arrayContaining([
          { name: 'http', containerPort: 7007, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
        ]),
      );
    });

    it('mounts an emptyDir at /tmp, the only writable path', () => {
      for (const { owner, spec } of pods()) {
        const emptyDirs = (spec.volumes ?? [])
          .filter(volume => volume.emptyDir)
          .map(volume => volume.name);
        for (const container of spec.containers) {
          const tmp = container.volumeMounts?.find(
            mount => mount.mountPath === '/tmp',
          );
          expect({ where: describeObject(owner), tmp: tmp?.name }).toEqual({
            where: describeObject(owner),
            tmp: expect.any(String),
          });
          expect(emptyDirs).toContain(tmp?.name);
        }
      }
    });

    it('runs a registry image with a tag, never :latest (base: the logical name overlays map)', () => {
      const images = pods().flatMap(({ spec }) =>
        allContainers(spec).map(container => container.image),
      );
      const expected =
        overlay === 'base'
          ? /^namespace-scheduler$/
          : /^[\w.-]+(\/[\w.-]+)+:(?!latest$)[\w.-]+$/;
      expect(images.length).toBeGreaterThan(0);
      expect(images.filter(image => !expected.test(image ?? ''))).toEqual([]);
    });

    it('references only ConfigMaps it renders, and Secrets it renders or that production provides', () => {
      const names = (kind: string) =>
        ofKind(objects(), kind).map(object => object.metadata.name);
      const configMapRefs = pods().flatMap(({ spec }) =>
        (spec.volumes ?? []).flatMap(volume =>
          volume.configMap ? [volume.configMap.name] : [],
        ),
      );
      expect(configMapRefs.length).toBeGreaterThan(0);
      expect(names('ConfigMap')).toEqual(expect.arrayContaining(configMapRefs));
      const secretRefs = pods().flatMap(({ spec }) =>
        allContainers(spec).flatMap(container =>
          (container.envFrom ?? []).flatMap(source =>
            source.secretRef ? [source.secretRef.name] : [],
          ),
        ),
      );
      expect(secretRefs).toHaveLength(1);
      // dev generates its placeholder Secret; base and production reference
      // one created outside git.
      expect(names('Secret')).toEqual(overlay === 'dev' ? secretRefs : []);
    });

    it('wires the Service, PodDisruptionBudget and HPA to the portal pods', () => {
      const labels = pods()[0].labels;
      const service = oneOfKind(objects(), 'Service').spec as {
        selector: Record<string, string>;
        ports: Array<{ name: string; targetPort: string }>;
      };
      expect(selects({ matchLabels: service.selector }, labels)).toBe(true);
      expect(service.ports.map(port => port.targetPort).sort()).toEqual([
        'http',
        'metrics',
      ]);
      const pdb = oneOfKind(objects(), 'PodDisruptionBudget').spec as {
        selector: { matchLabels: Record<string, string> };
      };
      expect(selects(pdb.selector, labels)).toBe(true);
      const hpa = oneOfKind(objects(), 'HorizontalPodAutoscaler').spec as {
        scaleTargetRef: { kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };
      expect(hpa.scaleTargetRef).toMatchObject({
        kind: 'Deployment',
        name: portal().metadata.name,
      });
      expect(hpa.maxReplicas).toBeGreaterThanOrEqual(hpa.minReplicas);
    });

    it('serves the portal over TLS for every Ingress host', () => {
      const ingresses = ofKind(objects(), 'Ingress');
      expect(ingresses).toHaveLength(1);
      for (const ingress of ingresses) {
        const spec = ingress.spec as {
          tls?: Array<{ hosts: string[]; secretName: string }>;
          rules: Array<{ host: string }>;
        };
        const tlsHosts = (spec.tls ?? []).flatMap(tls => tls.hosts);
        expect(spec.tls?.every(tls => tls.secretName)).toBe(true);
        for (const rule of spec.rules) {
          expect(tlsHosts).toContain(rule.host);
        }
      }
    });

    it('grants the plugin read and patch on workloads only: no secrets, no wildcards', () => {
      const rules = [
        ...ofKind(objects(), 'ClusterRole'),
        ...ofKind(objects(), 'Role'),
      ].flatMap(
        role =>
          (role.rules ?? []) as Array<{
            apiGroups: string[];
            resources: string[];
            verbs: string[];
          }>,
      );
      expect(rules.length).toBeGreaterThan(0);
      const writable = new Set([
        'deployments',
        'statefulsets',
        'cronjobs',
        'horizontalpodautoscalers',
        'scaledobjects',
      ]);
      for (const rule of rules) {
        expect(rule.apiGroups).not.toContain('*');
        expect(rule.resources).not.toContain('*');
        expect(rule.verbs).not.toContain('*');
        expect(rule.resources).not.toContain('secrets');
        expect(rule.resources).not.toContain('pods/exec');
        for (const verb of rule.verbs) {
          expect(['get', 'list', 'watch', 'patch', 'update']).toContain(verb);
        }
      }
      const written = rules
        .filter(rule => rule.verbs.some(v => v === 'patch' || v === 'update'))
        .flatMap(rule => rule.resources)
        .map(resource => resource.replace(/\/scale$/, ''));
      expect(written.filter(resource => !writable.has(resource))).toEqual([]);
      const readable = rules.flatMap(rule =>
        rule.verbs.includes('list') ? rule.resources : [],
      );
      expect(readable).toEqual(
        expect.arrayContaining(['namespaces', ...writable]),
      );
    });

    it("binds the ClusterRole to the portal's own ServiceAccount", () => {
      const binding = oneOfKind(
        objects(),
        'ClusterRoleBinding',
      ) as KubeObject & {
        roleRef: { kind: string; name: string };
        subjects: Array<{ kind: string; name: string; namespace: string }>;
      };
      const role = oneOfKind(objects(), 'ClusterRole');
      const account = oneOfKind(objects(), 'ServiceAccount');
      expect(binding.roleRef).toMatchObject({
        kind: 'ClusterRole',
        name: role.metadata.name,
      });
      expect(binding.subjects).toEqual([
        {
          kind: 'ServiceAccount',
          name: account.metadata.name,
          namespace: account.metadata.namespace,
        },
      ]);
      expect(pods()[0].spec.serviceAccountName).toBe(account.metadata.name);
      expect(portal().metadata.namespace).toBe(account.metadata.namespace);
    });

    it('denies all traffic by default and allows only what the portal needs', () => {
      const policies = ofKind(objects(), 'NetworkPolicy');
      const defaultDeny = policies.find(policy => {
        const spec = policy.spec as {
          podSelector: object;
          policyTypes: string[];
          ingress?: unknown[];
          egress?: unknown[];
        };
        return (
          Object.keys(spec.podSelector).length === 0 &&
          spec.policyTypes.includes('Ingress') &&
          spec.policyTypes.includes('Egress') &&
          !spec.ingress?.length &&
          !spec.egress?.length
        );
      });
      expect(defaultDeny).toBeDefined();

      type Rule = {
        from?: Array<{ namespaceSelector?: { matchLabels: object } }>;
        ports: Array<{ port: number; protocol: string }>;
      };
      const allow = policies.find(policy =>
        selects(
          (
            policy.spec as {
              podSelector: { matchLabels: Record<string, string> };
            }
          ).podSelector,
          pods()[0].labels,
        ),
      );
      expect(allow).toBeDefined();
      const spec = allow!.spec as { ingress: Rule[]; egress: Rule[] };
      const ports = (rules: Rule[]) =>
        rules.flatMap(rule =>
          rule.ports.map(port => `${port.protocol}/${port.port}`),
        );
      expect(spec.ingress).toContainEqual(
        expect.objectContaining({
          from: [
            expect.objectContaining({
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
              },
            }),
          ],
          ports: [{ port: 7007, protocol: 'TCP' }],
        }),
      );
      expect(ports(spec.ingress).sort()).toEqual(['TCP/7007', 'TCP/9464']);
      expect(ports(spec.egress)).toEqual(
        expect.arrayContaining(['UDP/53', 'TCP/53', 'TCP/5432', 'TCP/443']),
      );
    });
  },
);

describe('the production overlay', () => {
  const objects = () => rendered.production;

  it('runs at least two replicas, and the HPA never goes below two', () => {
    const deployment = oneOfKind(objects(), 'Deployment').spec as {
      replicas: number;
    };
    const hpa = oneOfKind(objects(), 'HorizontalPodAutoscaler').spec as {
      minReplicas: number;
    };
    expect(deployment.replicas).toBeGreaterThanOrEqual(2);
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it("runs the image named in the overlay's kustomization (what CI's deploy job sets)", () => {
    const kustomization = parseYaml(
      fs.readFileSync(
        repoPath(PORTAL_OVERLAYS.production, 'kustomization.yaml'),
        'utf8',
      ),
    );
    const [{ newName, newTag }] = kustomization.images;
    const [container] = podTemplates(objects())[0].spec.containers;
    expect(container.image).toBe(`${newName}:${newTag}`);
  });

  it('terminates TLS with a cert-manager certificate', () => {
    const ingress = oneOfKind(objects(), 'Ingress');
    expect(ingress.metadata.annotations).toHaveProperty([
      'cert-manager.io/cluster-issuer',
    ]);
    expect((ingress.spec as { tls: unknown[] }).tls).toHaveLength(1);
  });

  it('takes PostgreSQL credentials from an external Secret, never from git', () => {
    expect(ofKind(objects(), 'Secret')).toEqual([]);
    const [container] = podTemplates(objects())[0].spec.containers;
    expect(container.envFrom).toEqual([
      { secretRef: { name: 'namespace-scheduler-postgres-production' } },
    ]);
  });

  it('configures PostgreSQL, the in-cluster service account and no sandbox or guest sign-in', () => {
    const configMap = ofKind(objects(), 'ConfigMap').find(object =>
      object.metadata.name.startsWith('namespace-scheduler-app-config'),
    ) as KubeObject & { data: Record<string, string> };
    expect(Object.keys(configMap.data).sort()).toEqual([
      'app-config.kubernetes.yaml',
      'app-config.production.yaml',
    ]);
    const [container] = podTemplates(objects())[0].spec.containers;
    for (const key of Object.keys(configMap.data)) {
      expect(container.args).toContain(`/app/config/${key}`);
    }
    const base = parseYaml(configMap.data['app-config.kubernetes.yaml']);
    const production = parseYaml(configMap.data['app-config.production.yaml']);
    expect(base.backend.database.client).toBe('pg');
    expect(base.backend.database.connection.password).toBe(
      '${POSTGRES_PASSWORD}',
    );
    expect(base.namespaceScheduler.clusters).toEqual([
      { name: 'in-cluster', inCluster: true },
    ]);
    expect(base.namespaceScheduler.sandbox.enabled).toBe(false);
    expect(production.auth.providers).not.toHaveProperty('guest');
    expect(JSON.stringify(production)).not.toMatch(/sandbox/);
  });

  it('ships the alerts, the scrape config and the dashboard', () => {
    expect(ofKind(objects(), 'PrometheusRule')).toHaveLength(1);
    const monitor = oneOfKind(objects(), 'ServiceMonitor').spec as {
      selector: { matchLabels: Record<string, string> };
      endpoints: Array<{ port: string; path: string }>;
    };
    const service = oneOfKind(objects(), 'Service');
    expect(selects(monitor.selector, service.metadata.labels ?? {})).toBe(true);
    expect(monitor.endpoints).toEqual([
      expect.objectContaining({ port: 'metrics', path: '/metrics' }),
    ]);
    const dashboard = ofKind(objects(), 'ConfigMap').find(
      object => object.metadata.labels?.grafana_dashboard === '1',
    );
    expect(dashboard).toBeDefined();
  });

  it("limits the plugin's service account to its own fields with an admission policy", () => {
    const policy = oneOfKind(objects(), 'ValidatingAdmissionPolicy');
    const binding = oneOfKind(objects(), 'ValidatingAdmissionPolicyBinding');
    expect(policy.metadata.namespace).toBeUndefined();
    expect(binding.metadata.namespace).toBeUndefined();
    expect((binding.spec as { policyName: string }).policyName).toBe(
      policy.metadata.name,
    );
    const account = oneOfKind(objects(), 'ServiceAccount').metadata;
    expect(JSON.stringify(policy.spec)).toContain(
      `system:serviceaccount:${account.namespace}:${account.name}`,
    );
  });
});

describe('the dev overlay', () => {
  it('generates a placeholder PostgreSQL Secret, not a real credential', () => {
    const secret = oneOfKind(rendered.dev, 'Secret') as KubeObject & {
      data: Record<string, string>;
    };
    expect(Object.keys(secret.data).sort()).toEqual([
      'POSTGRES_HOST',
      'POSTGRES_PASSWORD',
      'POSTGRES_PORT',
      'POSTGRES_USER',
    ]);
    const password = Buffer.from(
      secret.data.POSTGRES_PASSWORD,
      'base64',
    ).toString('utf8');
    expect(password).toMatch(/change-me/);
  });
});

describe('the Argo CD objects', () => {
  type Application = KubeObject & {
    spec: {
      project: string;
      source: { repoURL: string; path: string };
      destination: { namespace: string };
      syncPolicy: {
        automated: { prune: boolean; selfHeal: boolean };
        syncOptions: string[];
      };
      ignoreDifferences: Array<{
        group: string;
        kind: string;
        name?: string;
        jsonPointers?: string[];
        jqPathExpressions?: string[];
      }>;
    };
  };
  const applications = () =>
    ofKind(rendered.argocd, 'Application') as Application[];
  const portalApp = () =>
    applications().find(app => app.metadata.name === 'namespace-scheduler')!;

  it('syncs the production overlay automatically, with prune and self-heal', () => {
    const app = portalApp();
    expect(app.spec.source.path).toBe('manifests/overlays/production');
    expect(
      fs.existsSync(repoPath(app.spec.source.path, 'kustomization.yaml')),
    ).toBe(true);
    expect(app.spec.syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: true,
    });
    expect(app.spec.destination.namespace).toBe(
      oneOfKind(rendered.production, 'Deployment').metadata.namespace,
    );
    const project = oneOfKind(rendered.argocd, 'AppProject');
    expect(app.spec.project).toBe(project.metadata.name);
    expect((project.spec as { sourceRepos: string[] }).sourceRepos).toContain(
      app.spec.source.repoURL,
    );
  });

  it("lets the HPA own the portal's replicas", () => {
    expect(portalApp().spec.ignoreDifferences).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        name: 'namespace-scheduler',
        jsonPointers: ['/spec/replicas'],
      }),
    );
  });

  it('allows exactly the cluster-scoped kinds production renders', () => {
    const project = oneOfKind(rendered.argocd, 'AppProject').spec as {
      clusterResourceWhitelist: Array<{ group: string; kind: string }>;
    };
    const allowed = project.clusterResourceWhitelist.map(
      entry => `${entry.group}/${entry.kind}`,
    );
    const clusterScoped = rendered.production
      .filter(object => !object.metadata.namespace)
      .map(object => {
        const group = object.apiVersion.includes('/')
          ? object.apiVersion.split('/')[0]
          : '';
        return `${group}/${object.kind}`;
      });
    expect([...new Set(clusterScoped)].sort()).toEqual([...allowed].sort());
  });

  it("shows managed team Applications how not to fight the scheduler's sleeps", () => {
    const team = applications().find(
      app => app.metadata.labels?.['namespace-scheduler/managed'] === 'true',
    )!;
    expect(team).toBeDefined();
    expect(team.spec.syncPolicy.automated.selfHeal).toBe(true);
    expect(team.spec.syncPolicy.syncOptions).toContain(
      'RespectIgnoreDifferences=true',
    );
    const ignored = (kind: string) =>
      team.spec.ignoreDifferences.find(entry => entry.kind === kind);
    expect(ignored('Deployment')?.jsonPointers).toContain('/spec/replicas');
    expect(ignored('StatefulSet')?.jsonPointers).toContain('/spec/replicas');
    expect(ignored('CronJob')?.jsonPointers).toContain('/spec/suspend');
    expect(ignored('HorizontalPodAutoscaler')?.jsonPointers).toContain(
      '/spec/minReplicas',
    );
    expect(ignored('ScaledObject')?.jsonPointers).toContain(
      '/metadata/annotations/autoscaling.keda.sh~1paused-replicas',
    );
    for (const entry of team.spec.ignoreDifferences) {
      expect(entry.jqPathExpressions?.join()).toContain('namespace-scheduler/');
    }
  });
});
