// Bundles the action (dist/index.js, dist/post.js) and the CLI (dist/cli.js) with esbuild.
// Usage: node scripts/build.mjs [outdir]   (tests build into a temp dir and compare with dist/)
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * `import process from 'node:process'` (the Azure SDK in @actions/cache does it three times) makes Node
 * build the module's ESM facade, which reads every export, `allowedNodeEnvironmentFlags` among them:
 * ~30 ms of a run with a cache service, measured. The global is the same object.
 */
const processGlobal = {
  name: 'process-global',
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'process', namespace: 'process-global' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'process-global' }, () => ({
      contents: 'export default globalThis.process;',
      loader: 'js',
    }));
  },
};

/**
 * @actions/http-client imports undici for its ProxyAgent and @actions/github for its fetch, both used only when
 * a proxy is set; bundled, undici's tree is parsed and run at every start (~40 ms of main and of post,
 * measured). Their imports are answered by a module that loads undici on first use, from its own file
 * (chunks/undici.cjs, built below).
 */
const lazyUndici = {
  name: 'lazy-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) =>
      /@actions[\\/](http-client|github)[\\/]/.test(args.importer)
        ? { path: 'undici', namespace: 'lazy-undici' }
        : undefined,
    );
    b.onResolve({ filter: /^\.\/undici\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-undici' }, () => ({
      contents: [
        "const undici = () => require('./undici.cjs');",
        'module.exports = { get ProxyAgent() { return undici().ProxyAgent; }, get fetch() { return undici().fetch; } };',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // action.yml runs node24; the CLI and these machines run Node 20.
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __REPRO_CI_VERSION__: JSON.stringify(pkg.version) },
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);",
  },
  plugins: [processGlobal, lazyUndici],
});

// undici on its own, for lazyUndici above (a proxy set on a self-hosted runner).
await build({
  absWorkingDir: root,
  entryPoints: [createRequire(import.meta.url).resolve('undici')],
  outfile: path.join(outdir, 'chunks', 'undici.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
