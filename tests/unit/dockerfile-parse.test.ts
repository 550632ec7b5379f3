import { describe, expect, test } from 'vitest';
import { discoverMounts } from '../../src/cache/mounts.js';
import {
  baseImage,
  cleanPath,
  expandVars,
  instructionScopes,
  parseDockerfile,
  platformArgs,
  runMount,
  runMounts,
  splitFlags,
} from '../../src/dockerfile/parse.js';

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
    expect(run.flags).toEqual([
      {
        name: 'mount',
        value: 'type=cache,id=${PIP_ID},target=/root/.cache/pip,sharing=locked',
        raw: '--mount=type=cache,id=${PIP_ID},target=/root/.cache/pip,sharing=locked',
      },
    ]);
    expect(df.instructions[5].flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'deps'],
      ['chown', '1000:1000'],
    ]);
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
    const run = df.instructions[3];
    expect(instructionScopes(df).get(run)?.vars).toEqual({ PIP_ID: 'pip' });
    expect(instructionScopes(df, { PIP_ID: 'pip2' }).get(run)?.vars).toEqual({ PIP_ID: 'pip2' });
    expect(runMounts(df.instructions[3], instructionScopes(df).get(df.instructions[3]))[0].id).toBe('pip');
  });

  test('backtick escape, heredocs, lower-case keywords, CRLF, a directive after a comment is a comment', () => {
    const d = parseDockerfile(
      '# escape=`\r\nfrom busybox\r\nrun echo a `\r\n  b\r\nRUN <<EOF\necho in heredoc\nEOF\n# check=skip=all\nCOPY <<-X /f\n\thello\n\tX\n',
    );
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
    [
      'type=cache,target=/root/.cache/pip',
      { type: 'cache', target: '/root/.cache/pip', id: '/root/.cache/pip', sharing: 'shared', readonly: false },
    ],
    [
      'type=cache,id=pip,dst=/c,sharing=locked,uid=1000,gid=100,mode=0700,ro',
      { type: 'cache', target: '/c', id: 'pip', sharing: 'locked', readonly: true, uid: 1000, gid: 100, mode: '0700' },
    ],
    [
      'type=cache,destination=/c,from=deps,source=/x',
      { type: 'cache', target: '/c', id: '/c', from: 'deps', source: '/x', sharing: 'shared', readonly: false },
    ],
    ['target=/src', { type: 'bind', target: '/src', readonly: true }],
    ['type=bind,src=.,target=/src,rw', { type: 'bind', source: '.', target: '/src', readonly: false }],
    ['type=secret,id=tok', { type: 'secret', readonly: true }],
    ['"type=cache","target=/a,b"', { type: 'cache', target: '/a,b', id: '/a,b' }],
  ])('runMount(%s)', (value, expected) => {
    expect(runMount(value)).toMatchObject(expected);
  });

  test('expandVars: $X, ${X}, ${X:-d}, ${X:+a}, escaped $', () => {
    expect(expandVars('$A-${B}-${C:-dflt}-${A:+alt}-${C:+no}-\\$A', { A: 'a', B: 'b' })).toBe('a-b-dflt-alt--$A');
  });
});

/** Mount ids and options at each RUN of `text`, as BuildKit would expand them. */
function mountsOf(text: string, buildArgs: Record<string, string> = {}) {
  const df = parseDockerfile(text);
  const scopes = instructionScopes(df, buildArgs);
  return df.instructions.flatMap((i) => runMounts(i, scopes.get(i)));
}

// Each case below was checked against BuildKit itself (buildx 0.29 on dockerd 28.5, `docker buildx du --verbose`
// for cache ids) or is a rule of its parser (moby/buildkit frontend/dockerfile/parser/parser.go and
// directives.go, instructions/commands_runmount.go, dockerfile2llb/convert_runmount.go).
describe('as BuildKit reads them (issue 17)', () => {
  test('an unknown directive ends the directives: a later `# escape=` is a comment', () => {
    const d = parseDockerfile('# version=2\n# escape=`\nFROM busybox\nRUN echo a \\\n  b\n');
    expect(d.escape).toBe('\\');
    expect(d.directives).toEqual([]);
    expect(d.instructions.map((i) => i.body)).toEqual(['busybox', 'echo a   b']);
    expect(d.errors).toEqual([]);
  });

  test('a repeated directive and a bad escape are errors', () => {
    expect(parseDockerfile('# escape=`\n# escape=\\\nFROM busybox\n').errors).toEqual([
      { line: 2, message: 'only one escape parser directive can be used' },
    ]);
    expect(parseDockerfile('# escape=x\nFROM busybox\n').errors[0].message).toMatch(/invalid escape token 'x'/);
  });

  test('`\\\\` at the end of a line is an escaped backslash, not a continuation', () => {
    const d = parseDockerfile('FROM busybox\nENV B=x\\\\\nRUN --mount=type=cache,target=/c echo\n');
    expect(d.instructions.map((i) => [i.keyword, i.line])).toEqual([
      ['FROM', 1],
      ['ENV', 2],
      ['RUN', 3],
    ]);
    expect(mountsOf('FROM busybox\nENV B=x\\\\\nRUN --mount=type=cache,target=/c echo\n')[0].id).toBe('/c');
  });

  test('heredocs: a quoted " <<EOF" is a word, END-SCRIPT is a delimiter, a missing end is an error', () => {
    const quoted = parseDockerfile('FROM busybox\nRUN echo " <<EOF"\nRUN --mount=type=cache,target=/c echo\n');
    expect(quoted.instructions.map((i) => [i.keyword, i.heredocs.length])).toEqual([
      ['FROM', 0],
      ['RUN', 0],
      ['RUN', 0],
    ]);
    const dashed = parseDockerfile(
      'FROM busybox\nRUN <<END-SCRIPT\necho hi\nEND-SCRIPT\nRUN 2<<"E2" cat\nx\nE2\nCMD ["sh"]\n',
    );
    expect(dashed.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 4],
      ['RUN', 5, 7],
      ['CMD', 8, 8],
    ]);
    expect(dashed.instructions[1].heredocs[0]).toMatchObject({ name: 'END-SCRIPT', content: 'echo hi' });
    expect(dashed.instructions[2].heredocs[0]).toMatchObject({ name: 'E2', content: 'x' });
    expect(parseDockerfile('FROM busybox\nRUN <<EOF\necho\n').errors).toEqual([
      { line: 2, message: 'unterminated heredoc: no line `EOF` ends it' },
    ]);
  });

  // BuildKit's negative parser files (frontend/dockerfile/parser/testfiles-negative): each must fail.
  test.each([
    ['empty_dockerfile', '', 'file with no instructions'],
    ['only_comments', '# Hello\n# These are just comments\n', 'file with no instructions'],
    ['env_no_value', 'FROM busybox\n\nENV PATH\n', 'ENV must have two arguments'],
    ['shykes-nested-json', 'CMD [ "echo", [ "nested json" ] ]\n', 'a JSON array must hold strings only'],
  ])('BuildKit refuses %s', (_name, text, message) => {
    expect(
      parseDockerfile(text)
        .errors.map((e) => e.message)
        .join('\n'),
    ).toContain(message);
  });

  test('what else BuildKit refuses: an instruction before FROM, `ENV A=1 B`, a blank ENV name', () => {
    expect(parseDockerfile('RUN echo\nFROM busybox\n').errors).toEqual([
      { line: 1, message: 'no build stage in current context: RUN comes before the first FROM' },
    ]);
    expect(parseDockerfile('ARG V=1\nFROM busybox\n').errors).toEqual([]);
    expect(parseDockerfile('FROM busybox\nENV A=1 B\n').errors[0].message).toContain('can\'t find = in "B"');
    expect(parseDockerfile('FROM busybox\nENV =x\n').errors[0].message).toBe('ENV names can not be blank');
    // Accepted (with BuildKit's LegacyKeyValueFormat warning): KEY is "= value".
    expect(parseDockerfile('FROM busybox\nENV KEY = value\n').errors).toEqual([]);
    const legacy = parseDockerfile('FROM busybox\nENV KEY = value\nRUN x\n');
    expect(instructionScopes(legacy).get(legacy.instructions[2])?.vars).toEqual({ KEY: '= value' });
  });

  test.each([
    ['/root/.cache/pip/', '/root/.cache/pip'],
    ['./x', 'x'],
    ['//a//b/', '/a/b'],
    ['/a/../b/.', '/b'],
    ['/', '/'],
    ['../x/', '../x'],
  ])('the default cache id is path.Clean(target): %s → %s', (target, id) => {
    expect(cleanPath(target)).toBe(id);
    expect(runMount(`type=cache,target=${target}`).id).toBe(id);
  });

  test('type, keys and sharing are case-insensitive; BuildKit errors are kept on the mount', () => {
    expect(runMount('Type=Cache,Target=/c,Sharing=Locked')).toMatchObject({
      type: 'cache',
      id: '/c',
      sharing: 'locked',
    });
    expect(runMount('type=cache,target=/c,sharing=never').error).toBe('unsupported sharing value "never"');
    expect(runMount('type=volume,target=/c').error).toBe('unsupported mount type "volume"');
    expect(runMount('type=cache,target=/c,color=red').error).toBe("unexpected key 'color' in 'color=red'");
    expect(runMount('type=cache,target=/c,cached').error).toBe("unexpected key 'cached' in 'cached'");
  });

  test("variables at the RUN's own position; ENV through a parent stage; ARGs not inherited", () => {
    const text = [
      'FROM scratch AS base',
      'ENV CACHE=/c1 ID=one',
      'ARG NOT_INHERITED=x',
      'RUN --mount=type=cache,id=$ID,target=$CACHE true',
      'ENV ID=two',
      'FROM base AS train',
      'RUN --mount=type=cache,id=${ID}-${NOT_INHERITED:-none},target=${CACHE}/x true',
    ].join('\n');
    expect(mountsOf(text).map((m) => [m.id, m.target, m.unresolved])).toEqual([
      ['one', '/c1', undefined],
      ['two-none', '/c1/x', undefined],
    ]);
  });

  test('the shell forms BuildKit expands: -, :-, +, :+, #, ##, %, %%, /, //', () => {
    const text = [
      'FROM scratch',
      'ARG PY=3.11.4 EMPTY= PATHV=/opt/conda/bin',
      'RUN --mount=type=cache,id=${PY%.*}-${PY%%.*}-${PY#*.}-${PY##*.}-${EMPTY-d}-${EMPTY:-d}-${NONE-d}-${PY+p}-${EMPTY:+e}-${PATHV/\\/opt/}-${PY//./_},target=/c true',
    ].join('\n');
    expect(mountsOf(text)[0].id).toBe('3.11-3-11.4-4--d-d-p--/conda/bin-3_11_4');
    expect(expandVars('a\'$X\'"$X"', { X: 'v' })).toBe('a$Xv');
    // A form public Dockerfiles use for platform names: `-a ${TARGETARCH/amd64/x64}`.
    expect(expandVars('${TARGETARCH/amd64/x64}-${V%%-*}-${V##*-}', { TARGETARCH: 'amd64', V: 'a-b-c' })).toBe(
      'x64-a-c',
    );
  });

  test('a name only the base image could set is reported, never taken as empty; after FROM scratch it is empty', () => {
    const text =
      'FROM mambaorg/micromamba:1.5\nRUN --mount=type=cache,target=/opt/conda/pkgs,uid=$MAMBA_USER_ID true\n';
    expect(mountsOf(text)[0]).toMatchObject({ id: '/opt/conda/pkgs', unresolved: ['MAMBA_USER_ID'] });
    expect(mountsOf(text)[0].uid).toBeUndefined();
    const found = discoverMounts([{ image: 'app', label: 'Dockerfile', text, buildArgs: {} }]);
    expect(found.mounts).toEqual([]);
    expect(found.skipped[0]).toMatchObject({
      id: '/opt/conda/pkgs',
      reason: expect.stringContaining('$MAMBA_USER_ID, which the Dockerfile does not set'),
    });
    expect(mountsOf('FROM scratch\nRUN --mount=type=cache,target=/c$NONE true\n')[0]).toMatchObject({ id: '/c' });
    expect(mountsOf('FROM scratch\nRUN --mount=type=cache,target=/c$NONE true\n')[0].unresolved).toBeUndefined();
    // An ENV built from a base-image name is unknown too; a build arg makes an ARG known.
    expect(mountsOf('FROM python\nENV C=$HOME/.cache\nRUN --mount=type=cache,target=$C true\n')[0].unresolved).toEqual([
      'C',
    ]);
    expect(
      mountsOf('FROM python\nARG UID\nRUN --mount=type=cache,target=/c,uid=$UID true\n', { UID: '1000' })[0],
    ).toMatchObject({ uid: 1000 });
  });

  test('the platform ARGs have their values once a stage declares them', () => {
    const arch = platformArgs().TARGETARCH;
    expect(
      mountsOf('FROM python\nARG TARGETARCH\nRUN --mount=type=cache,id=apt-$TARGETARCH,target=/var/cache/apt true\n')[0]
        .id,
    ).toBe(`apt-${arch}`);
    expect(platformArgs('x64')).toMatchObject({ TARGETPLATFORM: 'linux/amd64', BUILDARCH: 'amd64', TARGETVARIANT: '' });
  });
});

/**
 * The behaviours of BuildKit's positive parser test files (moby/buildkit frontend/dockerfile/parser/testfiles,
 * each `Dockerfile` with its expected `result`), re-expressed as small fixtures of our own: the case each
 * one reproduces is named, with BuildKit's expected instruction text as our parser states it.
 */
describe("BuildKit's parser test files, re-expressed", () => {
  const read = (text: string) => parseDockerfile(text).instructions.map((i) => [i.keyword, i.json ?? i.body]);

  test.each([
    // continueIndent: a continuation keeps the next line's leading spaces; ` \` alone adds a space, `\` alone nothing.
    [
      'continueIndent',
      'FROM base\nRUN echo a\\\n  b\\\n  c  \\\n  d\nRUN echo e \\\nf\\\ng\nRUN echo h \\\n \\\n i \\\n\\\n j\\\n\\\nk\nRUN echo l  \\  \nm\n',
      [
        ['FROM', 'base'],
        ['RUN', 'echo a  b  c    d'],
        ['RUN', 'echo e fg'],
        ['RUN', 'echo h   i  jk'],
        ['RUN', 'echo l  m'],
      ],
    ],
    // continue-at-eof: a continuation on the last line ends the instruction there.
    [
      'continue-at-eof',
      'FROM base\n\nRUN task \\',
      [
        ['FROM', 'base'],
        ['RUN', 'task'],
      ],
    ],
    // trailing-backslash: `\\` ends a value; the next ENV is its own instruction; blank-ish continuation lines.
    [
      'trailing-backslash',
      'FROM base\nENV C end\\\\with\\\\\nENV D separate\nENV E one\\\n\\\ntwo\nENV F one\\\n \\\ntwo\n',
      [
        ['FROM', 'base'],
        ['ENV', 'C end\\\\with\\\\'],
        ['ENV', 'D separate'],
        ['ENV', 'E onetwo'],
        ['ENV', 'F one two'],
      ],
    ],
    // escape-after-comment: a directive after a comment is a comment; `\` stays the escape character.
    [
      'escape-after-comment',
      '# a comment first\n# escape = `\n\nFROM base\nENV P \\\n\\x\n',
      [
        ['FROM', 'base'],
        ['ENV', 'P \\x'],
      ],
    ],
    // escape-nonewline: `# escape = \`` at the top, a comment right after it, then instructions: backtick continues.
    [
      'escape-nonewline',
      '# escape = `\n# no blank line after the directive\nFROM base\nENV P `\n\\x\n',
      [
        ['FROM', 'base'],
        ['ENV', 'P \\x'],
      ],
    ],
    // escape-with-syntax: two directives, then a FROM continued with a backtick.
    ['escape-with-syntax', '# syntax = docker/dockerfile\n# escape = `\n\nFROM `\n    base\n', [['FROM', 'base']]],
    // json: exec forms, spaces and tabs inside, JSON escapes.
    [
      'json',
      'CMD []\nCMD [""]\nCMD [ "a", "b" ]\nCMD\t[\t"a",\t"b"\t]\t\nCMD ["x \\u0041", "\\" \\\\ \\/"]\n',
      [
        ['CMD', []],
        ['CMD', ['']],
        ['CMD', ['a', 'b']],
        ['CMD', ['a', 'b']],
        ['CMD', ['x A', '" \\ /']],
      ],
    ],
    // jeztah-invalid-json-*: what is not valid JSON is the shell form, as written.
    [
      'jeztah-invalid-json',
      'CMD [\'echo\',\'x\']\nCMD ["echo", "open"\nCMD ["a" "b"]\n',
      [
        ['CMD', "['echo','x']"],
        ['CMD', '["echo", "open"'],
        ['CMD', '["a" "b"]'],
      ],
    ],
  ] as const)('%s', (_case, text, expected) => {
    expect(read(text)).toEqual(expected);
    expect(parseDockerfile(text).errors.filter((e) => !e.message.startsWith('no build stage'))).toEqual([]);
  });
});

test('a Dockerfile is parsed once per text, and no stage can change what another reads', () => {
  const text = 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install numpy\n';
  const first = parseDockerfile(text);
  expect(parseDockerfile(text)).toBe(first);
  expect(parseDockerfile(`${text}\n# another\n`)).not.toBe(first);
  expect(Object.isFrozen(first.instructions[1])).toBe(true);
  expect(() => (first.instructions as unknown[]).push({})).toThrow(TypeError);
});
