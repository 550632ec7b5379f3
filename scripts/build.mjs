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
 * Modules a dependency imports for a few names it uses on some paths only, each loaded on first use from its
 * own file under chunks/ instead of being parsed and run at every start (measured on this machine):
 * - undici: @actions/http-client's ProxyAgent and @actions/github's fetch, used only behind a proxy
 *   (~40 ms of every start of main and of post);
 * - @azure/storage-blob: @actions/cache's clients for the blob a cache entry is uploaded to or downloaded
 *   from, where a run with a cache service that only looks its entries up needs neither (~40 ms).
 * The dependency's import is answered by a module of getters; the file is built below, from the copy
 * the importer itself resolves.
 */
const LAZY = [
  {
    module: 'undici',
    importers: ['@actions/http-client', '@actions/github'],
    names: ['ProxyAgent', 'fetch'],
    file: 'undici.cjs',
  },
  {
    // @actions/core's OIDC client (getIDToken), never called here: post then starts without http-client,
    // tunnel and the https/tls modules they load (~12 ms of a post step, measured).
    module: '@actions/http-client',
    importers: ['@actions/core'],
    names: ['HttpClient'],
    file: 'actions-http-client.cjs',
  },
  {
    module: '@azure/storage-blob',
    importers: ['@actions/cache'],
    names: ['BlobClient', 'BlockBlobClient'],
    file: 'azure-storage-blob.cjs',
  },
];
const escape = (s) => s.replace(/[/.]/g, '\\$&');
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    for (const lazy of LAZY) {
      const importer = new RegExp(`node_modules[\\\\/](${lazy.importers.map(escape).join('|')})[\\\\/]`);
      b.onResolve({ filter: new RegExp(`^${escape(lazy.module)}$`) }, (args) =>
        importer.test(args.importer) ? { path: lazy.module, namespace: 'lazy' } : undefined,
      );
      b.onResolve({ filter: new RegExp(`^\\./${escape(lazy.file)}$`) }, (args) => ({
        path: args.path,
        external: true,
      }));
    }
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const lazy = LAZY.find((l) => l.module === args.path);
      const getters = lazy.names.map((n) => `get ${n}() { return load().${n}; }`);
      return {
        contents: `const load = () => require('./${lazy.file}');\nmodule.exports = { ${getters.join(', ')} };`,
        loader: 'js',
      };
    });
  },
};

/** What every bundle here shares. action.yml runs node24; the CLI and these machines run Node 20. */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { index: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts' },
  outdir,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __REPRO_CI_VERSION__: JSON.stringify(pkg.version) },
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);",
  },
  plugins: [processGlobal, lazyModules],
  // yaml's ES module build, which esbuild can tree-shake (its `node` build is CommonJS, bundled whole): the
  // same parser, 60 KB less for every start to parse, ~15 ms (measured). Only warnings differ: console.warn.
  alias: { yaml: './node_modules/yaml/browser/dist/index.js' },
});

/** A module's CommonJS entry as `importer` resolves it; undefined for a package that exports none. */
function requireEntry(importer, module) {
  try {
    return createRequire(path.join(importer, 'package.json')).resolve(module);
  } catch (e) {
    if (e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
    throw e;
  }
}

// The lazily loaded modules, each one file, as the importer resolves it.
for (const lazy of LAZY) {
  const importer = path.join(root, 'node_modules', lazy.importers[0]);
  await build({
    ...common,
    // Its CommonJS entry where it has one (an ES module build may read import.meta, which a .cjs file lacks);
    // else esbuild resolves it from the importer's folder (http-client exports no `require` entry).
    absWorkingDir: importer,
    entryPoints: [requireEntry(importer, lazy.module) ?? lazy.module],
    // One lazy module's own imports of another (http-client's of undici) go to that one's file too.
    plugins: [lazyModules],
    outfile: path.join(outdir, 'chunks', lazy.file),
    format: 'cjs',
  });
}
