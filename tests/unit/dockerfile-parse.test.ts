import { describe, expect, test } from 'vitest';
import { baseImage, expandVars, parseDockerfile, runMount, runMounts, splitFlags, stageArgs } from '../../src/dockerfile/parse.js';

const DF = `# syntax=docker/dockerfile:1
# escape=\\

# a comment
ARG BASE=python:3.11-slim
FROM \${BASE} AS deps
ARG PIP_ID=pip
RUN --mount=type=cache,id=\${PIP_ID},target=/root/.cache/pip,sharing=locked \\
    # comment inside a continuation
    pip install \\

    -r requirements.txt
FROM deps AS app
COPY --from=deps --chown=1000:1000 /app /app
RUN ["python", "-c", "print(1)"]
FROM scratch
`;

describe('parseDockerfile', () => {
  const df = parseDockerfile(DF);
  test('directives only at the top, escape read', () => {
    expect(df.directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
      { name: 'escape', value: '\\', line: 2 },
    ]);
    expect(df.escape).toBe('\\');
    expect(df.comments).toEqual([{ line: 4, text: 'a comment' }]);
  });

  test('instructions with lines, continuations joined, comments and blank lines inside skipped', () => {
    expect(df.instructions.map((i) => [i.keyword, i.line, i.endLine, i.stage])).toEqual([
      ['ARG', 5, 5, -1],
      ['FROM', 6, 6, 0],
      ['ARG', 7, 7, 0],
      ['RUN', 8, 12, 0],
      ['FROM', 13, 13, 1],
      ['COPY', 14, 14, 1],
      ['RUN', 15, 15, 1],
      ['FROM', 16, 16, 2],
    ]);
    const run = df.instructions[3];
    expect(run.body).toBe('pip install     -r requirements.txt');
    expect(run.flags).toEqual([{ name: 'mount', value: 'type=cache,id=${PIP_ID},target=/root/.cache/pip,sharing=locked', raw: '--mount=type=cache,id=${PIP_ID},target=/root/.cache/pip,sharing=locked' }]);
    expect(df.instructions[5].flags.map((f) => [f.name, f.value])).toEqual([['from', 'deps'], ['chown', '1000:1000']]);
    expect(df.instructions[6].json).toEqual(['python', '-c', 'print(1)']);
    expect(df.instructions[3].json).toBeUndefined();
  });

  test('stages: names lower-cased, base images through stage chains and ARGs, scratch has none', () => {
    expect(df.stages.map((s) => [s.index, s.name, s.from, s.line])).toEqual([
      [0, 'deps', '${BASE}', 6],
      [1, 'app', 'deps', 13],
      [2, undefined, 'scratch', 16],
    ]);
    expect(baseImage(df, df.stages[1])).toBe('python:3.11-slim');
    expect(baseImage(df, df.stages[0], { BASE: 'python:3.12' })).toBe('python:3.12');
    expect(baseImage(df, df.stages[2])).toBeUndefined();
  });

  test('ARGs: stage-scoped, build args override defaults', () => {
    expect(stageArgs(df, df.stages[0])).toEqual({ PIP_ID: 'pip' });
    expect(stageArgs(df, df.stages[0], { PIP_ID: 'pip2' })).toEqual({ PIP_ID: 'pip2' });
    expect(runMounts(df.instructions[3], stageArgs(df, df.stages[0]))[0].id).toBe('pip');
  });

  test('backtick escape, heredocs, lower-case keywords, CRLF, a directive after a comment is a comment', () => {
    const d = parseDockerfile('# escape=`\r\nfrom busybox\r\nrun echo a `\r\n  b\r\nRUN <<EOF\necho in heredoc\nEOF\n# check=skip=all\nCOPY <<-X /f\n\thello\n\tX\n');
    expect(d.escape).toBe('`');
    expect(d.instructions.map((i) => [i.keyword, i.body, i.line, i.endLine])).toEqual([
      ['FROM', 'busybox', 2, 2],
      ['RUN', 'echo a   b', 3, 4],
      ['RUN', '<<EOF', 5, 7],
      ['COPY', '<<-X /f', 9, 11],
    ]);
    expect(d.instructions[2].heredocs).toEqual([{ name: 'EOF', chomp: false, content: 'echo in heredoc' }]);
    expect(d.instructions[3].heredocs).toEqual([{ name: 'X', chomp: true, content: 'hello' }]);
    expect(d.directives).toEqual([{ name: 'escape', value: '`', line: 1 }]);
    expect(d.comments).toEqual([{ line: 8, text: 'check=skip=all' }]);
  });
});

describe('flags and mounts', () => {
  test('splitFlags keeps quoted values and bare flags', () => {
    expect(splitFlags('--mount="type=bind,source=a b" --link  echo hi')).toEqual({
      flags: [
        { name: 'mount', value: 'type=bind,source=a b', raw: '--mount="type=bind,source=a b"' },
        { name: 'link', raw: '--link' },
      ],
      rest: 'echo hi',
    });
  });

  test.each([
    ['type=cache,target=/root/.cache/pip', { type: 'cache', target: '/root/.cache/pip', id: '/root/.cache/pip', sharing: 'shared', readonly: false }],
    ['type=cache,id=pip,dst=/c,sharing=locked,uid=1000,gid=100,mode=0700,ro', { type: 'cache', target: '/c', id: 'pip', sharing: 'locked', readonly: true, uid: 1000, gid: 100, mode: '0700' }],
    ['type=cache,destination=/c,from=deps,source=/x', { type: 'cache', target: '/c', id: '/c', from: 'deps', source: '/x', sharing: 'shared', readonly: false }],
    ['target=/src', { type: 'bind', target: '/src', readonly: true }],
    ['type=bind,src=.,target=/src,rw', { type: 'bind', source: '.', target: '/src', readonly: false }],
    ['type=secret,id=tok', { type: 'secret', readonly: false }],
    ['"type=cache","target=/a,b"', { type: 'cache', target: '/a,b', id: '/a,b' }],
  ])('runMount(%s)', (value, expected) => {
    expect(runMount(value)).toMatchObject(expected);
  });

  test('expandVars: $X, ${X}, ${X:-d}, ${X:+a}, escaped $', () => {
    expect(expandVars('$A-${B}-${C:-dflt}-${A:+alt}-${C:+no}-\\$A', { A: 'a', B: 'b' })).toBe('a-b-dflt-alt--$A');
  });
});
