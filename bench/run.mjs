// `npm run bench -- <name>`: runs bench/<name>.mjs. Each benchmark measures its own baseline in the
// same run and prints `name=value` lines, the ratio last.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f))
  .map((f) => f.slice(0, -4));
const name = process.argv[2];
if (!name || !existsSync(path.join(dir, `${name}.mjs`))) {
  console.error(`usage: npm run bench -- <${names.join('|')}> [options]`);
  process.exit(2);
}
await import(pathToFileURL(path.join(dir, `${name}.mjs`)).href);
