import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `dist/dashboard/` of this repository, where scripts/build-dashboard.mjs writes the bundle
 * (found by walking up from this file, which sits at a different depth in `dist/`); null when
 * the dashboard was never built.
 */
export function defaultDashboardDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'dist', 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * A bundle file name as esbuild writes them (`app-2O522RWD.js`, `vazirmatn-…-6N6AAYYJ.woff2`):
 * no slash and no leading dot, so a request can never name a file outside the directory.
 */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

export interface Asset {
  body: Buffer;
  contentType: string;
}

/** The built dashboard's files, read from disk per request (they are small and change only on a build). */
export class DashboardAssets {
  constructor(readonly dir: string | null) {}

  async index(): Promise<Buffer | null> {
    return this.dir ? readOrNull(join(this.dir, 'index.html')) : null;
  }

  async asset(name: string): Promise<Asset | null> {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!this.dir || !contentType || !ASSET_NAME.test(name) || name === 'index.html') return null;
    const body = await readOrNull(join(this.dir, name));
    return body && { body, contentType };
  }
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
