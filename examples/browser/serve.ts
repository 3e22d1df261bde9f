/**
 * Serves the browser example: the page and its script (bundled for the browser on the fly
 * with esbuild, straight from the source) on one origin, and a mock server on another, so
 * the page's calls are real cross-origin requests with a CORS preflight.
 *
 * Run: `npx tsx examples/browser/serve.ts`, then open the URL it prints. Ctrl-C stops both.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startMockServer } from '../../mock-server/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The two servers of the example and how to stop them. */
export interface BrowserExample {
  /** The page, pointed at the mock server with `?api=`. */
  pageURL: string;
  /** The page alone: the mock then runs inside the page. */
  inPageURL: string;
  /** The mock server's base URL. */
  apiURL: string;
  close(): Promise<void>;
}

/** A bundle and the `node:*` modules it refers to, statically or by a dynamic `import()`. */
export interface PageBundle {
  code: string;
  /** Loaded when the page loads: must be empty for the page to run in a browser. */
  staticNodeImports: string[];
  /** Loaded only if the code that imports them runs (e.g. `startMockServer`). */
  dynamicNodeImports: string[];
}

/**
 * Bundles `main.ts` for the browser (ESM, minified), as a user's bundler would, leaving
 * `node:*` specifiers external so the check below can tell which of them the page reaches.
 */
export async function bundlePage(): Promise<PageBundle> {
  const result = await build({
    entryPoints: [`${here}main.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    external: ['node:*'],
  });
  const nodeImports = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((i) => i.path.startsWith('node:'));
  return {
    code: result.outputFiles[0]?.text ?? '',
    staticNodeImports: nodeImports.filter((i) => i.kind !== 'dynamic-import').map((i) => i.path),
    dynamicNodeImports: nodeImports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
  };
}

/** Starts the mock server and the page server on free loopback ports (or the given ones). */
export async function startBrowserExample(
  ports: { page?: number; api?: number } = {},
): Promise<BrowserExample> {
  const [{ code }, html, mock] = await Promise.all([
    bundlePage(),
    readFile(`${here}index.html`, 'utf8'),
    startMockServer({ port: ports.api ?? 0 }),
  ]);
  const pages = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' || path === '/index.html') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (path === '/main.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    else res.writeHead(404).end('not found');
  });
  const port = await listen(pages, ports.page ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  return {
    pageURL: `${origin}/?api=${encodeURIComponent(mock.url)}`,
    inPageURL: `${origin}/`,
    apiURL: mock.url,
    async close() {
      await Promise.all([new Promise((resolve) => pages.close(resolve)), mock.close()]);
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = await startBrowserExample({ page: 5173, api: 4010 });
  console.log(`Open ${example.pageURL}`);
  console.log(`(mock server at ${example.apiURL}; ${example.inPageURL} runs the mock inside the page)`);
  const stop = () => void example.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
