/**
 * Serves the example on one loopback origin (`http://127.0.0.1` is a secure context, so
 * service workers are allowed): `index.html`, `main.js` (bundled from the source on the fly
 * with esbuild, as your bundler would) and msw's `mockServiceWorker.js` at the root.
 *
 * Run: `npx tsx examples/browser-msw/serve.ts`, then open the URL it prints. Ctrl-C stops it.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const workerScript = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');

/** The running example. */
export interface MswExample {
  /** The page, e.g. `http://127.0.0.1:5174/`. */
  url: string;
  close(): Promise<void>;
}

/** The example's source imports, and the package names an app imports instead. */
const PACKAGE_NAMES: Record<string, string> = {
  '../../src/index.js': 'runra',
  '../../mock-server/index.js': 'runra/mock',
  '../../mock-server/msw.js': 'runra/msw',
};

/** Sends the example's source imports to the built package, through its export map. */
const fromPackage: Plugin = {
  name: 'runra-from-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/\.\.\/(src|mock-server)\/\w+\.js$/ }, (args) => {
      const name = PACKAGE_NAMES[args.path];
      if (!name) return { errors: [{ text: `no package entry for ${args.path}: add it to PACKAGE_NAMES` }] };
      return build.resolve(name, { kind: args.kind, resolveDir: root });
    });
  },
};

/**
 * Bundles `main.ts` for the browser; `node:*` stays external and is never loaded by the page.
 * With `from: 'package'`, `runra`, `runra/mock` and `runra/msw` come from the build in `dist/`
 * (run `npm run build` first), chosen by the export map's browser conditions as in an app.
 */
export async function bundleApp(from: 'source' | 'package' = 'source'): Promise<string> {
  const result = await build({
    entryPoints: [`${here}main.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external: ['node:*'],
    plugins: from === 'package' ? [fromPackage] : [],
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Starts the example's server on a free loopback port (or the given one). */
export async function startMswExample(
  options: { port?: number; from?: 'source' | 'package' } = {},
): Promise<MswExample> {
  const port = options.port ?? 0;
  const [html, app, worker] = await Promise.all([
    readFile(`${here}index.html`, 'utf8'),
    bundleApp(options.from),
    readFile(workerScript, 'utf8'),
  ]);
  const files: Record<string, [type: string, body: string]> = {
    '/': ['text/html; charset=utf-8', html],
    '/main.js': ['text/javascript; charset=utf-8', app],
    '/mockServiceWorker.js': ['text/javascript; charset=utf-8', worker],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = await startMswExample({ port: 5174 });
  console.log(`Open ${example.url}`);
  const stop = () => void example.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
