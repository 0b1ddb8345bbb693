import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { kustomizeBinary, kustomizeBuild } from './kustomize';
import { validateObject } from './__testUtils__/models';
import { repoPath } from './paths';
import { podTemplates } from './__testUtils__/testing';

/*
 * The CI workflows parse and are well formed, the deploy job's
 * `kustomize edit set image` does what it should, the image's Dockerfile
 * keeps its promises, and the release workflow publishes the plugin packages
 * the way .changeset/ and the root scripts expect.
 */

const execFileAsync = promisify(execFile);
const WORKFLOWS = repoPath('.github', 'workflows');

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  steps: Step[];
  permissions?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, Job>;
}

const workflows: Array<[string, Workflow]> = fs
  .readdirSync(WORKFLOWS)
  .filter(file => /\.ya?ml$/.test(file))
  .sort()
  .map(file => [
    file,
    parseYaml(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')),
  ]);

function job(file: string, name: string): Job {
  const workflow = workflows.find(([f]) => f === file)?.[1];
  if (!workflow?.jobs[name]) {
    throw new Error(`${file} has no job ${name}`);
  }
  return workflow.jobs[name];
}

const allSteps = (j: Job) =>
  j.steps.map(step => `${step.uses ?? ''} ${step.run ?? ''}`).join('\n');

describe.each(workflows)('.github/workflows/%s', (_file, workflow) => {
  it('has a name, triggers and jobs', () => {
    expect(workflow.name).toEqual(expect.any(String));
    expect(workflow.on).toBeDefined();
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
  });

  it('gives every job a runner and steps that each use an action or run a command', () => {
    for (const [name, j] of Object.entries(workflow.jobs)) {
      expect({ job: name, runsOn: typeof j['runs-on'] }).toEqual({
        job: name,
        runsOn: 'string',
      });
      expect(j.steps.length).toBeGreaterThan(0);
      for (const step of j.steps) {
        expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
      }
      // Actions pinned to a version, never a moving branch.
      const actions = j.steps.flatMap(step => (step.uses ? [step.uses] : []));
      for (const action of actions) {
        expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[\w.-]+$/);
        expect(action).not.toMatch(/@(main|master)$/);
      }
      const needs = j.needs === undefined ? [] : [j.needs].flat();
      for (const need of needs) {
        expect(Object.keys(workflow.jobs)).toContain(need);
      }
    }
  });
});

describe('the workflows', () => {
  it('keep ci.yaml running .ci/run', () => {
    expect(allSteps(job('ci.yaml', 'verify'))).toMatch(/bash \.ci\/run/);
  });

  it('run lint, types, tests, e2e and the manifest check as jobs', () => {
    expect(allSteps(job('checks.yaml', 'lint'))).toMatch(/yarn lint:all/);
    expect(allSteps(job('checks.yaml', 'types'))).toMatch(/yarn tsc/);
    expect(allSteps(job('checks.yaml', 'tests'))).toMatch(
      /backstage-cli repo test/,
    );
    expect(allSteps(job('checks.yaml', 'e2e'))).toMatch(/playwright test/);
    expect(allSteps(job('checks.yaml', 'manifests'))).toMatch(
      /yarn workspace @namespace-scheduler\/manifests-check test/,
    );
  });

  it('check the API reports after type checking, in CI and in checks.yaml', () => {
    const types = job('checks.yaml', 'types').steps.map(step => step.run ?? '');
    const tsc = types.findIndex(run => /yarn tsc$/.test(run));
    const reports = types.findIndex(run => /yarn api-reports:check$/.test(run));
    expect(tsc).toBeGreaterThanOrEqual(0);
    expect(reports).toBeGreaterThan(tsc);
    const testSh = fs.readFileSync(repoPath('scripts', 'test.sh'), 'utf8');
    expect(testSh).toMatch(/^step "api reports" yarn api-reports:check$/m);
    expect(testSh.indexOf('yarn api-reports:check')).toBeGreaterThan(
      testSh.indexOf('step "types (yarn tsc)" yarn tsc'),
    );
  });

  it('build the image, scan it with Trivy and push it only from main', () => {
    const image = job('image.yaml', 'image');
    const uses = image.steps.map(step => step.uses ?? '');
    expect(uses.some(u => u.startsWith('docker/build-push-action@'))).toBe(
      true,
    );
    expect(uses.some(u => u.startsWith('aquasecurity/trivy-action@'))).toBe(
      true,
    );
    const scan = uses.findIndex(u =>
      u.startsWith('aquasecurity/trivy-action@'),
    );
    const push = image.steps.findIndex(step => step.with?.push === true);
    expect(push).toBeGreaterThan(scan);
    expect(image.steps[push].if).toContain("github.ref == 'refs/heads/main'");
    for (const step of image.steps.filter(s =>
      s.uses?.startsWith('docker/build-push-action@'),
    )) {
      expect(step.with?.file).toBe('packages/backend/Dockerfile');
    }
  });

  it('deploy by committing the image tag to the production overlay after the push', () => {
    const deploy = job('image.yaml', 'deploy');
    expect(deploy.needs).toBe('image');
    expect(deploy.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy.permissions).toEqual({ contents: 'write' });
    const script = allSteps(deploy);
    expect(script).toMatch(
      /cd manifests\/overlays\/production && "\$kustomize" edit set image "namespace-scheduler=\$IMAGE"/,
    );
    expect(script).toMatch(
      /git add manifests\/overlays\/production\/kustomization\.yaml/,
    );
    expect(script).toMatch(/git push/);
  });
});

describe("the deploy job's kustomize edit set image", () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
    fs.cpSync(repoPath('manifests'), path.join(dir, 'manifests'), {
      recursive: true,
    });
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('changes only the image lines and the overlay still renders and validates', async () => {
    const overlay = path.join(dir, 'manifests', 'overlays', 'production');
    const file = path.join(overlay, 'kustomization.yaml');
    const before = fs.readFileSync(file, 'utf8').split('\n');
    const image = 'ghcr.io/acme/namespace-scheduler:0123456789abcdef';
    await execFileAsync(
      kustomizeBinary(),
      ['edit', 'set', 'image', `namespace-scheduler=${image}`],
      { cwd: overlay },
    );
    const after = fs.readFileSync(file, 'utf8').split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual([
      '  newName: ghcr.io/acme/namespace-scheduler',
      '  newTag: 0123456789abcdef',
    ]);

    const objects = await kustomizeBuild(overlay);
    objects.forEach(validateObject);
    const images = podTemplates(objects).flatMap(pod =>
      pod.spec.containers.map(container => container.image),
    );
    expect(images).toEqual([image]);
  });
});

describe('packages/backend/Dockerfile', () => {
  const dockerfile = fs.readFileSync(
    repoPath('packages', 'backend', 'Dockerfile'),
    'utf8',
  );
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds in stages from node:22-bookworm-slim', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage).toMatch(/^\$\{NODE_IMAGE\}/);
    }
    const build = stages.find(stage => /AS build/.test(stage))!;
    expect(build).toMatch(/yarn install --immutable/);
    expect(build).toMatch(/yarn tsc/);
    expect(build).toMatch(/yarn build:backend/);
    expect(build).toMatch(/python3 g\+\+ make/);
  });

  it('starts the metrics exporter before the backend', () => {
    expect(dockerfile).toMatch(
      /cp \.\.\/packages\/backend\/src\/instrumentation\.js \./,
    );
    expect(runtime).toMatch(
      /^CMD \["node", "--require", "\.\/instrumentation\.js", "packages\/backend"/m,
    );
  });

  it('runs as node under tini with a health check, without build tools', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(runtime).toMatch(
      /HEALTHCHECK[\s\S]*\/api\/namespace-scheduler\/health/,
    );
    expect(runtime).not.toMatch(/g\+\+|python3|build-essential/);
  });

  it('is built from a context that leaves out secrets and host build output', () => {
    const ignored = fs
      .readFileSync(repoPath('.dockerignore'), 'utf8')
      .split('\n')
      .map(line => line.trim());
    expect(ignored).toEqual(
      expect.arrayContaining([
        '.git',
        'node_modules',
        '**/node_modules',
        '.env',
      ]),
    );
  });
});

describe('the release (.github/workflows/release.yml)', () => {
  const release = job('release.yml', 'release');
  const workflow = workflows.find(([f]) => f === 'release.yml')![1];
  const rootPackage = JSON.parse(
    fs.readFileSync(repoPath('package.json'), 'utf8'),
  );
  const action = release.steps.findIndex(step =>
    step.uses?.startsWith('changesets/action@'),
  );
  const stepIndex = (command: RegExp) =>
    release.steps.findIndex(step => command.test(step.run ?? ''));

  it('runs on pushes to main', () => {
    expect(workflow.on).toMatchObject({ push: { branches: ['main'] } });
  });

  it('installs, type checks, checks the API reports and builds before versioning or publishing', () => {
    const install = stepIndex(/yarn install --immutable/);
    const tsc = stepIndex(/^yarn tsc$/);
    const reports = stepIndex(/^yarn api-reports:check$/);
    const build = stepIndex(/^yarn build:plugins$/);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(tsc).toBeGreaterThan(install);
    expect(reports).toBeGreaterThan(tsc);
    expect(build).toBeGreaterThan(tsc);
    expect(action).toBeGreaterThan(build);
  });

  it('versions and publishes with the changesets action, the npm token from secrets', () => {
    // v2 of the action is the one for @changesets/cli 3.
    expect(release.steps[action].uses).toMatch(/^changesets\/action@v2\./);
    expect(rootPackage.devDependencies['@changesets/cli']).toMatch(/^\^3\./);
    expect(release.steps[action].with).toMatchObject({
      'version-script': 'yarn changeset version',
      'publish-script': 'yarn release:publish',
    });
    expect(release.steps[action].env).toMatchObject({
      NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
      YARN_NPM_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
    });
    expect(release.permissions).toEqual({
      contents: 'write',
      'pull-requests': 'write',
    });
    // No token in any other step.
    const withSecrets = release.steps.filter(step =>
      JSON.stringify(step).includes('secrets.'),
    );
    expect(withSecrets).toEqual([release.steps[action]]);
  });

  it('runs root scripts that exist and publish only the plugin packages', () => {
    expect(rootPackage.scripts['release:publish']).toBe('changeset publish');
    expect(rootPackage.scripts['build:plugins']).toMatch(
      /yarn workspaces foreach .*--no-private .*run build/,
    );
    expect(rootPackage.scripts['api-reports:check']).toMatch(
      /^backstage-repo-tools api-reports --ci /,
    );
    const config = JSON.parse(
      fs.readFileSync(repoPath('.changeset', 'config.json'), 'utf8'),
    );
    expect(config).toMatchObject({ access: 'public', baseBranch: 'main' });
    // Every package under plugins/ is published, at one version (a fixed
    // group by glob, so new plugin packages join it).
    expect(config.fixed).toEqual([['@namespace-scheduler/backstage-plugin*']]);
    const plugins = fs
      .readdirSync(repoPath('plugins'))
      .map(dir =>
        JSON.parse(
          fs.readFileSync(repoPath('plugins', dir, 'package.json'), 'utf8'),
        ),
      );
    expect(plugins.map(pkg => pkg.name)).toEqual(
      expect.arrayContaining([
        '@namespace-scheduler/backstage-plugin',
        '@namespace-scheduler/backstage-plugin-backend',
        '@namespace-scheduler/backstage-plugin-common',
      ]),
    );
    for (const pkg of plugins) {
      expect({ name: pkg.name, private: pkg.private }).toEqual({
        name: expect.stringMatching(/^@namespace-scheduler\/backstage-plugin/),
        private: undefined,
      });
    }
    for (const dir of fs.readdirSync(repoPath('packages'))) {
      const pkg = JSON.parse(
        fs.readFileSync(repoPath('packages', dir, 'package.json'), 'utf8'),
      );
      expect({ name: pkg.name, private: pkg.private }).toEqual({
        name: pkg.name,
        private: true,
      });
    }
  });
});
