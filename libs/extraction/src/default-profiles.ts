import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSiteProfiles, type SiteProfiles } from './site-profile.js';

/**
 * `config/site-profiles/` of this repository (found by walking up from this
 * file, which sits at a different depth in `dist/`), unless
 * `SITE_PROFILES_DIR` points elsewhere.
 */
export function defaultProfilesDir(): string {
  if (process.env.SITE_PROFILES_DIR) return resolve(process.env.SITE_PROFILES_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'config', 'site-profiles');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('config/site-profiles not found; set SITE_PROFILES_DIR');
    dir = parent;
  }
}

export function loadDefaultProfiles(): SiteProfiles {
  return loadSiteProfiles(defaultProfilesDir());
}
