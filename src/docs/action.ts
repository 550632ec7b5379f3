/**
 * docs/action.md: the inputs and outputs tables, generated from action.yml (the runner's own source
 * of truth) so the docs cannot fall behind it. Pure: the action.yml text in, Markdown out.
 */
import { parse } from 'yaml';

interface ActionYml {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs?: Record<string, { description?: string }>;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

export function renderActionReference(actionYmlText: string): string {
  const a = parse(actionYmlText) as ActionYml;
  const out = [
    '# Action inputs and outputs',
    '',
    '<!-- Generated from action.yml by `npm run docs`. Do not edit by hand. -->',
    '',
    `${a.description}`,
    '',
    '```yaml',
    '- uses: repro-ci/repro-ci@v1',
    '  id: repro',
    '  with:',
    '    config: repro.yml',
    '```',
    '',
    'Every input is optional; an empty value means "use repro.yml" (or the default shown). Outputs are read as',
    '`${{ steps.repro.outputs.NAME }}`. Examples of whole workflows: [workflows-examples/](../workflows-examples/).',
    '',
    '## Inputs',
    '',
    '| input | default | meaning |',
    '| --- | --- | --- |',
  ];
  for (const [name, i] of Object.entries(a.inputs ?? {})) {
    const def = i.default === undefined || i.default === '' ? '' : code(String(i.default));
    out.push(`| \`${name}\`${i.required ? ' (required)' : ''} | ${def} | ${cell(i.description ?? '')} |`);
  }
  out.push('', '## Outputs', '', '| output | meaning |', '| --- | --- |');
  for (const [name, o] of Object.entries(a.outputs ?? {})) out.push(`| \`${name}\` | ${cell(o.description ?? '')} |`);
  out.push('');
  return out.join('\n');
}
