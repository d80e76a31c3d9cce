import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found by walking up: this file runs from dist/bench/support/, not from bench/. */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root (package.json beside apps/) not found');
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot();
