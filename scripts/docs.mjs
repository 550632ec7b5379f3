// Regenerates the generated docs (docs/config.md) from the sources. `npm run docs`.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = await build({ absWorkingDir: root, entryPoints: ['src/docs/reference.ts'], bundle: true, format: 'esm', platform: 'node', write: false });
const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
writeFileSync(path.join(root, 'docs/config.md'), mod.renderConfigReference());
console.log('wrote docs/config.md');
