// Bundles consumer.ts with esbuild the way an application bundler would (the type check with
// moduleResolution bundler is done by the driver), then runs the bundle and reports one result.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runAndReport } from '../shared/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'consumer.mjs');

await runAndReport('ts-bundler', async () => {
  await build({
    entryPoints: [join(here, 'consumer.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const bundle = await import(outfile);
  return bundle.smoke();
});
