// Bundles the storage dashboard (apps/storage/dashboard) into dist/dashboard/ with esbuild:
// one script, one stylesheet and the Vazirmatn font files, named by content hash (served with
// a year-long immutable cache), and index.html pointing at them (served with no-cache). Every
// asset comes from node_modules: the page loads nothing from another origin.
//
//   node scripts/build-dashboard.mjs [--outdir <dir>]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'apps/storage/dashboard');
export const DEFAULT_OUTDIR = path.join(root, 'dist/dashboard');

/** Builds the dashboard into `outdir` (emptied first) and returns the names of what it wrote. */
export async function buildDashboard({ outdir = DEFAULT_OUTDIR, minify = true } = {}) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: { app: path.join(source, 'src/main.ts') },
    outdir,
    bundle: true,
    minify,
    sourcemap: 'linked',
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    // The stylesheet's woff2 is what browsers load; the woff fallbacks come along with it.
    loader: { '.woff2': 'file', '.woff': 'file' },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'linked',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const [js, entry] = outputs.find(([, o]) => o.entryPoint) ?? [];
  if (!js || !entry?.cssBundle) throw new Error('esbuild produced no script or stylesheet for the dashboard');

  const icon = await readFile(path.join(source, 'favicon.svg'));
  const favicon = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
  await writeFile(path.join(outdir, favicon), icon);

  const names = { js: path.basename(js), css: path.basename(entry.cssBundle), favicon };
  const template = await readFile(path.join(source, 'index.html'), 'utf8');
  const html = template.replace(/\{\{(js|css|favicon)\}\}/g, (_, name) => names[name]);
  await writeFile(path.join(outdir, 'index.html'), html);
  return {
    outdir,
    ...names,
    files: outputs.map(([file]) => path.basename(file)).concat(favicon, 'index.html'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--outdir');
  const outdir = flag > 0 ? path.resolve(process.argv[flag + 1]) : DEFAULT_OUTDIR;
  const built = await buildDashboard({ outdir });
  console.log(
    `dashboard built in ${path.relative(process.cwd(), built.outdir) || '.'}: ${built.files.length} files`,
  );
}
