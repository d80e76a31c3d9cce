import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const selector = z.string().min(1).optional();

/** One news site, described as data: adding a site means adding a JSON file, not code. */
export const SiteProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  domains: z.array(z.string().min(1)).min(1),
  selectors: z.object({
    kicker: selector,
    title: selector,
    subtitle: selector,
    lead: selector,
    body: selector,
    date: selector,
    author: selector,
    tags: selector,
    category: selector,
    images: selector,
    newsCode: selector,
  }),
  /** Nodes inside the body that are not article text (end marks, inline ads, …). */
  drop: z.array(z.string().min(1)).default([]),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;

export class SiteProfiles {
  private readonly byDomain = new Map<string, SiteProfile>();

  constructor(profiles: readonly SiteProfile[]) {
    for (const profile of profiles) for (const domain of profile.domains) this.byDomain.set(domain, profile);
  }

  /** The profile whose domain is the host or one of its parents (www.ilna.ir → ilna.ir). */
  forUrl(url: string): SiteProfile | null {
    let host = new URL(url).hostname.toLowerCase();
    for (;;) {
      const profile = this.byDomain.get(host);
      if (profile) return profile;
      const dot = host.indexOf('.');
      if (dot < 0) return null;
      host = host.slice(dot + 1);
    }
  }
}

/** Reads every `*.json` profile in a directory; a bad file stops start-up with its name and the problem. */
export function loadSiteProfiles(dir: string): SiteProfiles {
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = SiteProfileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`site profile ${file} is invalid: ${parsed.error.message}`);
      return parsed.data;
    });
  return new SiteProfiles(profiles);
}
