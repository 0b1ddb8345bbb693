import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Kubernetes version of the binaries in the shared dir. */
export const KUBE_VERSION = 'v1.32.6';

/** The binaries that come xz-compressed from the shared dir. */
export type KubeBinary = 'kube-apiserver' | 'kube-controller-manager';
export const KUBE_BINARIES: readonly KubeBinary[] = [
  'kube-apiserver',
  'kube-controller-manager',
];

/** Where the binaries come from and where they are decompressed to. */
export interface BinaryLocations {
  /** Dir holding `kube-apiserver.xz`, `kube-controller-manager.xz` and `SHA256SUMS`. */
  sourceDir: string;
  /** Dir the decompressed, verified binaries are kept in. */
  cacheDir: string;
}

/** The monorepo root: the nearest dir above this file whose package.json has workspaces. */
export function repoRoot(): string {
  // The harness runs from its sources (tests only), never from a build.
  // eslint-disable-next-line no-restricted-syntax
  const here = __dirname;
  let dir = here;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    try {
      if (JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces) return dir;
    } catch {
      // no (readable) package.json here: keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(here, '..', '..', '..');
    dir = parent;
  }
}

/** `$NS_K8S_BIN_SOURCE`, else `../shared/k8s` beside the repo root. */
export function defaultSourceDir(): string {
  return (
    process.env.NS_K8S_BIN_SOURCE ||
    path.resolve(repoRoot(), '..', 'shared', 'k8s')
  );
}

/** `$NS_K8S_CACHE`, else `~/.cache/namespace-scheduler/k8s-v1.32.6`. */
export function defaultCacheDir(): string {
  return (
    process.env.NS_K8S_CACHE ||
    path.join(
      os.homedir(),
      '.cache',
      'namespace-scheduler',
      `k8s-${KUBE_VERSION}`,
    )
  );
}

export function defaultLocations(): BinaryLocations {
  return { sourceDir: defaultSourceDir(), cacheDir: defaultCacheDir() };
}

/** A path as a person reads it: relative to the repo root when it is near it. */
export function displayPath(p: string): string {
  const rel = path.relative(repoRoot(), p);
  return rel.startsWith(`..${path.sep}..${path.sep}`) || path.isAbsolute(rel)
    ? p
    : rel;
}

/** The executable `cmd` on PATH (plus the usual sbin/bin dirs), if any. */
export function which(cmd: string): string | undefined {
  const dirs = [
    ...(process.env.PATH ?? '').split(path.delimiter),
    '/usr/local/bin',
    '/usr/bin',
    '/bin',
  ].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, cmd);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `$NS_ETCD_BIN`, else `etcd` on PATH. */
export function etcdBinary(): string | undefined {
  const fromEnv = process.env.NS_ETCD_BIN;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return which('etcd');
}

/** The expected sha256 of each decompressed binary, from `SHA256SUMS`. */
export function readSha256Sums(sourceDir: string): Map<string, string> {
  const sums = new Map<string, string>();
  const text = fs.readFileSync(path.join(sourceDir, 'SHA256SUMS'), 'utf8');
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/i.exec(line.trim());
    if (match) sums.set(path.basename(match[2]), match[1].toLowerCase());
  }
  return sums;
}

function stampPath(cacheDir: string, name: KubeBinary) {
  return path.join(cacheDir, `${name}.sha256`);
}

/**
 * Whether the cache holds a verified `name`: the binary and its stamp (the
 * sha256 written once it was verified) exist, and when the sources are
 * around the stamp matches their SHA256SUMS (a new release replaces it).
 */
export function cachedBinaryValid(
  name: KubeBinary,
  { sourceDir, cacheDir }: BinaryLocations,
): boolean {
  let stamp: string;
  try {
    fs.accessSync(path.join(cacheDir, name), fs.constants.X_OK);
    stamp = fs.readFileSync(stampPath(cacheDir, name), 'utf8').trim();
  } catch {
    return false;
  }
  let expected: string | undefined;
  try {
    expected = readSha256Sums(sourceDir).get(name);
  } catch {
    return true; // no sources to compare with: trust the cache
  }
  return expected === undefined || expected === stamp;
}

/** What keeps `ensureBinaries` from working, one phrase per missing piece. */
export function missingBinaryPieces(locations: BinaryLocations): string[] {
  const missing: string[] = [];
  const toDecompress = KUBE_BINARIES.filter(
    name => !cachedBinaryValid(name, locations),
  );
  for (const name of toDecompress) {
    const source = path.join(locations.sourceDir, `${name}.xz`);
    if (!fs.existsSync(source))
      missing.push(`${displayPath(source)} not found`);
  }
  if (toDecompress.length > 0 && missing.length === 0) {
    const sums = path.join(locations.sourceDir, 'SHA256SUMS');
    if (!fs.existsSync(sums)) missing.push(`${displayPath(sums)} not found`);
    if (!which('xz'))
      missing.push('xz not found on PATH (apt-get install xz-utils)');
  }
  return missing;
}

/**
 * Decompresses `<sourceDir>/<name>.xz` into the cache and verifies it
 * against SHA256SUMS. Safe when several processes race: each writes a temp
 * file of its own and renames it into place (atomic; the content is the same),
 * then writes the stamp the same way.
 */
export async function decompressBinary(
  name: KubeBinary,
  { sourceDir, cacheDir }: BinaryLocations,
): Promise<string> {
  const expected = readSha256Sums(sourceDir).get(name);
  if (!expected) {
    throw new Error(
      `${displayPath(
        path.join(sourceDir, 'SHA256SUMS'),
      )} has no line for ${name}`,
    );
  }
  const source = path.join(sourceDir, `${name}.xz`);
  if (!fs.existsSync(source))
    throw new Error(`${displayPath(source)} not found`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const final = path.join(cacheDir, name);
  const tmp = path.join(
    cacheDir,
    `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const hash = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(tmp, { mode: 0o755 });
      const xz = spawn(which('xz') ?? 'xz', ['-dc', source], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let exit: number | null | undefined;
      let closed = false;
      const settle = () => {
        if (exit === undefined || !closed) return;
        if (exit === 0) resolve();
        else
          reject(
            new Error(`xz -dc ${source} failed (${exit}): ${stderr.trim()}`),
          );
      };
      xz.on('error', reject);
      out.on('error', reject);
      xz.stderr.on('data', chunk => {
        stderr += chunk;
      });
      xz.stdout.on('data', chunk => hash.update(chunk));
      xz.stdout.pipe(out);
      out.on('close', () => {
        closed = true;
        settle();
      });
      xz.on('close', code => {
        exit = code;
        settle();
      });
    });
    const actual = hash.digest('hex');
    if (actual !== expected) {
      throw new Error(
        `${name} from ${displayPath(
          source,
        )} has sha256 ${actual}, SHA256SUMS says ${expected}`,
      );
    }
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, final);
    const stampTmp = `${tmp}.sha256`;
    fs.writeFileSync(stampTmp, `${actual}\n`);
    fs.renameSync(stampTmp, stampPath(cacheDir, name));
    return final;
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}.sha256`, { force: true });
  }
}

const ensured = new Map<string, Promise<Record<KubeBinary, string>>>();

/**
 * The paths of the verified binaries, decompressing them into the cache
 * first when needed (once per process and cache dir).
 */
export function ensureBinaries(
  locations: BinaryLocations = defaultLocations(),
): Promise<Record<KubeBinary, string>> {
  const key = `${locations.sourceDir}\0${locations.cacheDir}`;
  let pending = ensured.get(key);
  if (!pending) {
    pending = (async () => {
      const paths = {} as Record<KubeBinary, string>;
      // One at a time: two xz at once only contend for the same cores.
      for (const name of KUBE_BINARIES) {
        paths[name] = cachedBinaryValid(name, locations)
          ? path.join(locations.cacheDir, name)
          : await decompressBinary(name, locations);
      }
      return paths;
    })();
    ensured.set(key, pending);
    pending.catch(() => ensured.delete(key));
  }
  return pending;
}
