import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardAssets } from './dashboard-assets.js';

describe('DashboardAssets', () => {
  let parent: string;
  let dir: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'dashboard-assets-'));
    dir = join(parent, 'bundle');
    await mkdir(dir);
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
    await writeFile(join(dir, 'app-ABC123.js'), 'void 0;');
    await writeFile(join(dir, 'font-XYZ.woff2'), 'woff2');
    await writeFile(join(dir, '.secret.js'), 'hidden');
    await writeFile(join(parent, 'outside.js'), 'outside');
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('serves the page and the bundle files with their content types', async () => {
    const assets = new DashboardAssets(dir);
    expect((await assets.index())?.toString()).toBe('<!doctype html>');
    expect(await assets.asset('app-ABC123.js')).toEqual({
      body: Buffer.from('void 0;'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect((await assets.asset('font-XYZ.woff2'))?.contentType).toBe('font/woff2');
  });

  it('serves nothing outside the directory, no hidden file, no unknown type, and not the page twice', async () => {
    const assets = new DashboardAssets(dir);
    for (const name of [
      '../outside.js',
      '..',
      '.secret.js',
      'sub/app.js',
      'index.html',
      'missing.js',
      'app.exe',
    ]) {
      expect({ name, asset: await assets.asset(name) }).toEqual({ name, asset: null });
    }
  });

  it('has nothing when the dashboard was not built', async () => {
    const assets = new DashboardAssets(null);
    expect(await assets.index()).toBeNull();
    expect(await assets.asset('app-ABC123.js')).toBeNull();
    expect(await new DashboardAssets(join(parent, 'nowhere')).index()).toBeNull();
  });
});
