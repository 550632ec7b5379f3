// Regenerates the generated docs (docs/config.md, docs/action.md, docs/lint.md) from the sources. `npm run docs`.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// The bundle runs from a data: URL; bundled CommonJS (yaml) needs a require for Node built-ins.
const banner = `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(pathToFileURL(`${root}/`).href)});`;
const out = await build({
  absWorkingDir: root,
  entryPoints: ['src/docs/reference.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  banner: { js: banner },
});
const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
for (const [file, text] of Object.entries(mod.renderDocs((rel) => readFileSync(path.join(root, rel), 'utf8')))) {
  writeFileSync(path.join(root, file), text);
  console.log(`wrote ${file}`);
}
