import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BinaryLocations,
  cachedBinaryValid,
  decompressBinary,
  ensureBinaries,
  missingBinaryPieces,
  which,
} from './binaries';
import { controlPlaneAvailability } from './controlPlane';

const hasXz = Boolean(which('xz'));
const describeWithXz = hasXz ? describe : describe.skip;

const sha256 = (data: string | Buffer) =>
  createHash('sha256').update(data).digest('hex');

/** A source dir of tiny stand-in "binaries" (shell scripts), xz-compressed. */
function fakeSources(): BinaryLocations & { contents: Record<string, string> } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-harness-bin-test-'));
  const sourceDir = path.join(root, 'src');
  const cacheDir = path.join(root, 'cache');
  fs.mkdirSync(sourceDir);
  const contents: Record<string, string> = {};
  const sums: string[] = [];
  for (const name of ['kube-apiserver', 'kube-controller-manager']) {
    contents[name] = `#!/bin/sh\necho ${name} ${'x'.repeat(50_000)}\n`;
    fs.writeFileSync(path.join(sourceDir, name), contents[name]);
    execFileSync('xz', [path.join(sourceDir, name)]); // leaves NAME.xz only
    sums.push(`${sha256(contents[name])}  ${name}`);
  }
  fs.writeFileSync(path.join(sourceDir, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  return { sourceDir, cacheDir, contents };
}

describeWithXz('binary cache', () => {
  const made: string[] = [];
  const sources = () => {
    const s = fakeSources();
    made.push(path.dirname(s.sourceDir));
    return s;
  };
  afterAll(() =>
    made.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
  );

  it('decompresses once, verified, then serves the cache', async () => {
    const loc = sources();
    expect(missingBinaryPieces(loc)).toEqual([]);
    const paths = await ensureBinaries(loc);
    const apiserver = paths['kube-apiserver'];
    expect(fs.readFileSync(apiserver, 'utf8')).toBe(
      loc.contents['kube-apiserver'],
    );
    expect(fs.statSync(apiserver).mode & 0o111).toBe(0o111);
    expect(cachedBinaryValid('kube-apiserver', loc)).toBe(true);
    const inode = fs.statSync(apiserver).ino;

    // Another process (a new memo key, same dirs) reuses it as it is.
    const again = await ensureBinaries({
      ...loc,
      cacheDir: `${loc.cacheDir}/`,
    });
    expect(fs.statSync(again['kube-apiserver']).ino).toBe(inode);

    // With the sources gone a populated cache is enough.
    fs.rmSync(loc.sourceDir, { recursive: true });
    expect(missingBinaryPieces(loc)).toEqual([]);
    expect(cachedBinaryValid('kube-controller-manager', loc)).toBe(true);
  });

  it('survives racing decompressions: one binary, no temp files left', async () => {
    const loc = sources();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => decompressBinary('kube-apiserver', loc)),
    );
    expect(new Set(results).size).toBe(1);
    expect(fs.readdirSync(loc.cacheDir).sort()).toEqual([
      'kube-apiserver',
      'kube-apiserver.sha256',
    ]);
    expect(execFileSync(results[0]).toString()).toMatch(/^kube-apiserver x+/);
  });

  it('refuses a binary whose sha256 differs from SHA256SUMS', async () => {
    const loc = sources();
    fs.writeFileSync(
      path.join(loc.sourceDir, 'SHA256SUMS'),
      `${'0'.repeat(64)}  kube-apiserver\n`,
    );
    await expect(decompressBinary('kube-apiserver', loc)).rejects.toThrow(
      /kube-apiserver .* has sha256 [0-9a-f]{64}, SHA256SUMS says 0{64}/,
    );
    expect(fs.readdirSync(loc.cacheDir)).toEqual([]);
  });

  it('decompresses again when SHA256SUMS names another build', async () => {
    const loc = sources();
    await ensureBinaries(loc);
    const sumsFile = path.join(loc.sourceDir, 'SHA256SUMS');
    fs.writeFileSync(
      sumsFile,
      fs
        .readFileSync(sumsFile, 'utf8')
        .replace(/^[0-9a-f]{64}/, 'f'.repeat(64)),
    );
    expect(cachedBinaryValid('kube-apiserver', loc)).toBe(false);
    expect(cachedBinaryValid('kube-controller-manager', loc)).toBe(true);
  });
});

describe('controlPlaneAvailability', () => {
  it('names what is missing in one line', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-harness-empty-'));
    const availability = controlPlaneAvailability({
      sourceDir: path.join(empty, 'shared', 'k8s'),
      cacheDir: path.join(empty, 'cache'),
    });
    expect(availability.available).toBe(false);
    const reason = (availability as { reason: string }).reason;
    expect(reason).toContain('kube-apiserver.xz not found');
    expect(reason).toContain('kube-controller-manager.xz not found');
    expect(reason).not.toContain('\n');
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
