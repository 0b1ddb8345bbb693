#!/usr/bin/env node
// Helpers of scripts/test-install.sh: what is easier in JavaScript than in
// bash. Each subcommand prints what the shell script needs and exits non-zero
// with a reason on failure.
//   app.js key TARBALL_DIR CREATE_APP_VERSION       cache key of the installed app
//   app.js packages TARBALL_DIR                     "name<TAB>file" per tarball
//   app.js configure APP TARBALL_DIR REPO           root package.json of a new app
//   app.js resolve-tarballs APP TARBALL_DIR         point resolutions at the tarballs
//   app.js wire-backend APP                         packages/backend/src/index.ts
//   app.js check-bundle DIST                        the plugin is in the app bundle
//   app.js check-namespaces JSON NAMESPACE STATE    entity-namespaces answer
//   app.js check-decisions JSON ID=RESULT...        permission/authorize answer
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// Bump when the way the app is set up changes, so cached apps are rebuilt.
const SETUP_VERSION = 2;

// Native builds of the app's own dependencies that nothing here loads:
// tree-sitter (the API docs' parsers, which run in the browser on
// web-tree-sitter), ssh2's optional crypto binding and cpu-features (both
// have JavaScript fallbacks), keytar (fails without libsecret anyway).
// Compiling them took minutes of the first install.
const UNUSED_NATIVE_BUILDS = [
  'tree-sitter',
  'tree-sitter-json',
  '@tree-sitter-grammars/tree-sitter-yaml',
  'ssh2',
  'cpu-features',
  'keytar',
];

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function fail(message) {
  console.error(`✗ ${message}`);
  process.exit(1);
}

/** The package.json inside each packed tarball, by file name. */
function tarballManifests(dir) {
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.tgz'))
    .sort()
    .map(file => {
      const text = execFileSync(
        'tar',
        ['-xzOf', path.join(dir, file), 'package/package.json'],
        { encoding: 'utf8' },
      );
      return { file, manifest: JSON.parse(text) };
    });
}

/** The registry pins: this repo's root resolutions that are plain versions, plus ../shared's list. */
function registryPins(repo) {
  const pins = {};
  const shared = path.join(
    repo,
    '..',
    'shared',
    'toolchain',
    'resolutions.json',
  );
  if (fs.existsSync(shared)) Object.assign(pins, readJson(shared));
  for (const [name, range] of Object.entries(
    readJson(path.join(repo, 'package.json')).resolutions ?? {},
  )) {
    if (!/^(patch|file|portal|link|workspace):/.test(range)) pins[name] = range;
  }
  return pins;
}

/** Ranges the legacy entity page test needs in packages/app, taken from the plugin's own manifest. */
function legacyTestDevDeps(manifests) {
  const frontend = manifests.find(m => m.backstage?.role === 'frontend-plugin');
  if (!frontend) fail('no frontend-plugin among the packed packages');
  const backend = manifests.find(m => m.backstage?.role === 'backend-plugin');
  const all = {
    ...backend?.dependencies,
    ...frontend.devDependencies,
    ...frontend.dependencies,
  };
  const wanted = [
    '@backstage/test-utils',
    '@backstage/catalog-client',
    '@backstage/catalog-model',
    '@backstage/plugin-catalog-react',
    '@backstage/plugin-permission-react',
  ];
  return Object.fromEntries(
    wanted.map(name => {
      if (!all[name]) fail(`no range for ${name} in the packed manifests`);
      return [name, all[name]];
    }),
  );
}

const commands = {
  key(dir, createAppVersion) {
    const repo = path.resolve(__dirname, '../..');
    const manifests = tarballManifests(dir).map(t => t.manifest);
    const input = JSON.stringify({
      setup: SETUP_VERSION,
      createAppVersion,
      backstage: readJson(path.join(repo, 'backstage.json')).version,
      pins: registryPins(repo),
      packages: manifests.map(m => ({
        name: m.name,
        version: m.version,
        dependencies: m.dependencies,
        peerDependencies: m.peerDependencies,
      })),
      appDevDependencies: legacyTestDevDeps(manifests),
    });
    console.log(crypto.createHash('sha256').update(input).digest('hex'));
  },

  packages(dir) {
    for (const { file, manifest } of tarballManifests(dir)) {
      console.log(`${manifest.name}\t${file}`);
    }
  },

  // Registry pins and the tarballs in the root resolutions (the packed
  // packages depend on each other by version), the legacy test's dev
  // dependencies in packages/app.
  configure(app, dir, repo) {
    const rootFile = path.join(app, 'package.json');
    const root = readJson(rootFile);
    root.resolutions = { ...root.resolutions, ...registryPins(repo) };
    root.dependenciesMeta = {
      ...root.dependenciesMeta,
      ...Object.fromEntries(
        UNUSED_NATIVE_BUILDS.map(name => [name, { built: false }]),
      ),
    };
    writeJson(rootFile, root);
    commands['resolve-tarballs'](app, dir);

    const manifests = tarballManifests(dir).map(t => t.manifest);
    const appFile = path.join(app, 'packages/app/package.json');
    const appPkg = readJson(appFile);
    appPkg.devDependencies = {
      ...appPkg.devDependencies,
      ...legacyTestDevDeps(manifests),
    };
    writeJson(appFile, appPkg);
  },

  'resolve-tarballs'(app, dir) {
    const rootFile = path.join(app, 'package.json');
    const root = readJson(rootFile);
    for (const { file, manifest } of tarballManifests(dir)) {
      root.resolutions[manifest.name] = `file:${path.resolve(dir, file)}`;
    }
    writeJson(rootFile, root);
  },

  // As the backend README says: add the plugin; and, as the permission
  // module's README says for a create-app portal, replace the allow-all
  // policy with the module.
  'wire-backend'(app) {
    const file = path.join(app, 'packages/backend/src/index.ts');
    let source = fs.readFileSync(file, 'utf8');
    const allowAll =
      /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);\n/;
    if (allowAll.test(source)) {
      source = source.replace(
        allowAll,
        "backend.add(\n  import(\n    '@namespace-scheduler/backstage-plugin-backend-module-permission-policy'\n  ),\n);\n",
      );
    }
    if (
      !source.includes(
        "import('@namespace-scheduler/backstage-plugin-backend')",
      )
    ) {
      source = source.replace(
        /\nbackend\.start\(\);/,
        "\n// Namespace Scheduler\nbackend.add(import('@namespace-scheduler/backstage-plugin-backend'));\n\nbackend.start();",
      );
    }
    // The catalog and scaffolder modules, next to their plugins (their READMEs).
    for (const [plugin, module] of [
      ['@backstage/plugin-catalog-backend', '@namespace-scheduler/backstage-plugin-catalog-backend-module'],
      ['@backstage/plugin-scaffolder-backend', '@namespace-scheduler/backstage-plugin-scaffolder-backend-module'],
    ]) {
      const line = `backend.add(import('${plugin}'));\n`;
      if (source.includes(line) && !source.includes(`'${module}'`)) {
        source = source.replace(line, `${line}backend.add(import('${module}'));\n`);
      }
    }
    for (const needed of [
      "import('@namespace-scheduler/backstage-plugin-backend')",
      "'@namespace-scheduler/backstage-plugin-backend-module-permission-policy'",
      "'@namespace-scheduler/backstage-plugin-catalog-backend-module'",
      "'@namespace-scheduler/backstage-plugin-scaffolder-backend-module'",
    ]) {
      if (!source.includes(needed))
        fail(`could not wire ${needed} into ${file}`);
    }
    fs.writeFileSync(file, source);
  },

  // The new frontend system discovers the plugin (`app.packages: all`): the
  // discovered-features list names its ./alpha export, the entity content
  // extension is bundled, and a lazily loaded chunk holds the tab itself.
  'check-bundle'(dist) {
    const dir = path.join(dist, 'static');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.js'));
    const find = (what, re) => {
      const hits = files.filter(f =>
        re.test(fs.readFileSync(path.join(dir, f), 'utf8')),
      );
      if (hits.length === 0) fail(`no bundle file contains ${what}`);
      console.log(`  ${what}: ${hits.join(', ')}`);
      return hits;
    };
    find(
      'the discovered feature @namespace-scheduler/backstage-plugin/alpha',
      /name:"@namespace-scheduler\/backstage-plugin",export:"\.\/alpha"/,
    );
    find(
      'the entity content extension (path namespace-schedule)',
      /path:"namespace-schedule",title:"Namespace schedule"/,
    );
    find(
      "the entity tab's code (workload table)",
      /Off \(stopped by the team\)/,
    );
  },

  'check-namespaces'(file, namespace, state) {
    const body = readJson(file);
    const item = body.items?.find(i => i.namespace === namespace);
    if (!item) fail(`${namespace} missing in ${JSON.stringify(body)}`);
    if (item.state !== state) {
      fail(
        `${namespace} is ${item.state}, expected ${state}: ${JSON.stringify(
          item,
        )}`,
      );
    }
    const workloads = item.workloads.map(
      w => `${w.kind}/${w.name} ${w.replicas ?? '-'}`,
    );
    console.log(
      `  ${item.cluster}/${namespace}: ${item.state}, ${workloads.join(', ')}`,
    );
  },

  'check-decisions'(file, ...expected) {
    const body = readJson(file);
    const results = Object.fromEntries(
      (body.items ?? []).map(i => [i.id, i.result]),
    );
    for (const pair of expected) {
      const [id, result] = pair.split('=');
      if (results[id] !== result) {
        fail(`${id}: expected ${result}, got ${JSON.stringify(body)}`);
      }
      console.log(`  ${id}: ${result}`);
    }
  },
};

const [command, ...args] = process.argv.slice(2);
if (!commands[command]) fail(`unknown command ${command}`);
commands[command](...args);
