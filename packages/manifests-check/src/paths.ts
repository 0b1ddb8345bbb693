import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest directory at or above the working
 * directory whose package.json declares workspaces (Jest runs in the package
 * directory or in the repository root).
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No workspace root at or above ${start}`);
    }
  }
}

export const REPO_ROOT = findRepoRoot(process.cwd());

/** A path inside the repository. */
export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}
