/**
 * What a Python script does that `repro-ci init` must know, read from its text (pure, no Python needed):
 * the environment variables it reads and whether it has a default for each, the files it writes and
 * reads (path expressions evaluated over the script's own constants, function defaults and argparse
 * defaults), and whether it uses a GPU, starts a server or needs the cloud. A heuristic: what it cannot
 * evaluate it leaves out, and init says every guess in a comment.
 */

export interface EnvRead {
  name: string;
  /** The code has a default (os.environ.get("X", d), os.getenv("X", d)): init must not set it. */
  hasDefault: boolean;
  line: number;
}

export interface PathUse {
  /** As the script names it: relative to its working directory, or absolute. `/`-separated. */
  path: string;
  mode: 'write' | 'read';
  line: number;
  /** A folder the script creates (os.makedirs, Path.mkdir), not a file. */
  folder?: boolean;
}

export interface ScriptFacts {
  env: EnvRead[];
  paths: PathUse[];
  /** What shows GPU use (nvidia-smi, torch.cuda...), when it does. */
  gpu?: string;
  /** What shows it serves requests until stopped (uvicorn, app.run...), when it does. */
  server?: string;
  /** What shows it needs the network or the cloud to run (dvc pull, gsutil...), when it does. */
  cloud?: string;
  /** Modules it imports by name (`from pkg.data import x` gives pkg.data and pkg). */
  imports: string[];
}

/** GPU use in Python code or a shell script. */
const GPU_SIGNS: [RegExp, string][] = [
  [/\bnvidia-smi\b/, 'nvidia-smi'],
  [/\btorch\.cuda\b/, 'torch.cuda'],
  [/\.cuda\(\)/, '.cuda()'],
  [/["']cuda(?::\d+)?["']/, '"cuda" device'],
  [/list_physical_devices\(\s*["']GPU["']/, "tf.config.list_physical_devices('GPU')"],
  [/\bjax\.devices\(\s*["']gpu["']/, "jax.devices('gpu')"],
  [/accelerator\s*=\s*["'](?:gpu|cuda)["']/, 'accelerator="gpu"'],
  [/\bcupy\b/, 'cupy'],
];

/** Processes that serve until stopped: a step running one never ends. */
const SERVER_SIGNS: [RegExp, string][] = [
  [/\buvicorn\b/, 'uvicorn'],
  [/\bgunicorn\b/, 'gunicorn'],
  [/\bfastapi\s+(?:dev|run)\b/, 'fastapi'],
  [/\bflask\s+run\b|\bapp\.run\(/, 'Flask'],
  [/\bstreamlit\b/, 'streamlit'],
  [/\bgradio\b|\.launch\(\s*(?:server_name|share)/, 'gradio'],
  [/\bjupyter(?:-lab|\s+lab|\s+notebook)?\b/, 'jupyter'],
  [/\btensorboard\b\s+--logdir/, 'tensorboard'],
  [/\bmlflow\s+(?:server|ui)\b/, 'mlflow server'],
  [/\bbentoml\s+serve\b/, 'bentoml'],
  [/\bhttp\.server\b|\bserve_forever\(/, 'http.server'],
];

/** Work that needs credentials or data from outside the repository. */
const CLOUD_SIGNS: [RegExp, string][] = [
  [/\bdvc\s+(?:pull|fetch|repro)\b/, 'dvc pull'],
  [/\bgsutil\b|\bgcloud\b/, 'gcloud'],
  [/\baws\s+s3\b/, 'aws s3'],
  [/\baz\s+storage\b/, 'az storage'],
  [/\bfrom\s+google\.cloud\b|\bimport\s+google\.cloud\b/, 'google.cloud'],
  [/\bimport\s+boto3\b/, 'boto3'],
];

function firstSign(text: string, signs: [RegExp, string][]): string | undefined {
  return signs.find(([re]) => re.test(text))?.[1];
}

export const gpuSign = (text: string) => firstSign(text, GPU_SIGNS);
export const serverSign = (text: string) => firstSign(text, SERVER_SIGNS);
export const cloudSign = (text: string) => firstSign(text, CLOUD_SIGNS);

/** Calls whose first argument is a path written to (a folder made, for makedirs/mkdir). */
const WRITE_FIRST =
  /^(?:np|numpy)\.(?:save|savez|savez_compressed|savetxt)$|\.(?:savefig|to_csv|to_json|to_parquet|to_pickle|save_pretrained|save_model|write_csv)$|^os\.(?:makedirs|mkdir)$/;
/** Calls whose second argument is a path written to. */
const WRITE_SECOND = /^(?:torch\.save|joblib\.dump|shutil\.(?:copy|copyfile|copy2|copytree|move))$/;
/** Calls whose first argument is a path read. */
const READ_FIRST =
  /^(?:np|numpy)\.(?:load|loadtxt|genfromtxt)$|^(?:torch|joblib)\.load$|^(?:pd|pandas)\.read_\w+$|\.(?:load|load_model|from_pretrained|load_from_checkpoint)$/;
/** Methods whose receiver is the path. */
const WRITE_METHOD = /\.(?:write_text|write_bytes|mkdir)\(/;
const READ_METHOD = /\.(?:read_text|read_bytes)\(/;

/**
 * The script's facts; `text` is its source, `file` its path in the container when known (so
 * `Path(__file__).parent / "out"` can be followed).
 */
export function scriptFacts(text: string, file?: string): ScriptFacts {
  const lines = text.split(/\r?\n/);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const found = calls(text);
  const vars = constants(text, found, file ? { __file__: file } : {});
  const paths: PathUse[] = [];
  const add = (expr: string, mode: PathUse['mode'], offset: number, folder = false) => {
    const p = evalPath(expr, vars);
    if (p === undefined || p === '' || /^(?:https?|s3|gs):/.test(p) || p.startsWith('-')) return;
    const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!clean || clean === '.') return;
    paths.push({ path: clean, mode, line: lineOf(offset), ...(folder ? { folder: true } : {}) });
  };
  for (const call of found) {
    const args = call.args;
    if (/^(?:open|io\.open|codecs\.open)$/.test(call.name)) {
      const mode = args.find((a) => /^mode\s*=/.test(a))?.replace(/^mode\s*=\s*/, '') ?? args[1];
      add(args[0], mode && /["'][^"']*[wax]/.test(mode) ? 'write' : 'read', call.offset);
    } else if (WRITE_FIRST.test(call.name)) add(args[0], 'write', call.offset, /makedirs|mkdir/.test(call.name));
    else if (WRITE_SECOND.test(call.name) && args[1]) add(args[1], 'write', call.offset);
    else if (READ_FIRST.test(call.name)) add(args[0], 'read', call.offset);
    else if (/\.save$/.test(call.name) && args.length > 0 && !/^self\./.test(call.name)) {
      // model.save(path), image.save(path), np.save handled above.
      add(args[0], 'write', call.offset);
    }
  }
  // Path methods on a receiver: OUT.mkdir(...), Path("out/x.json").write_text(...)
  for (const re of [WRITE_METHOD, READ_METHOD]) {
    const g = new RegExp(re.source, 'g');
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const receiver = receiverBefore(text, m.index);
      if (receiver) add(receiver, re === READ_METHOD ? 'read' : 'write', m.index, /mkdir/.test(m[0]));
    }
  }
  const env: EnvRead[] = [];
  const envRe =
    /os\.environ\.get\(\s*["'](\w+)["']\s*(,)?|os\.getenv\(\s*["'](\w+)["']\s*(,)?|os\.environ\[\s*["'](\w+)["']\s*\]/g;
  for (let m = envRe.exec(text); m; m = envRe.exec(text)) {
    const name = m[1] ?? m[3] ?? m[5];
    const hasDefault = !!(m[2] ?? m[4]);
    const prior = env.find((e) => e.name === name);
    if (prior) prior.hasDefault ||= hasDefault;
    else env.push({ name, hasDefault, line: lineOf(m.index) });
  }
  const imports = new Set<string>();
  for (const l of lines) {
    const m = /^\s*from\s+([\w.]+)\s+import\b|^\s*import\s+([\w., ]+)/.exec(l);
    if (!m) continue;
    for (const mod of (m[1] ?? m[2]).split(',').map((s) => s.trim().split(/\s+/)[0])) {
      if (!mod || mod.startsWith('.')) continue;
      const parts = mod.split('.');
      for (let n = parts.length; n >= 1; n--) imports.add(parts.slice(0, n).join('.'));
    }
  }
  const code = lines.map((l) => l.replace(/(^|\s)#.*$/, '')).join('\n');
  return {
    env,
    paths,
    gpu: gpuSign(code),
    server: serverSign(code),
    cloud: cloudSign(code),
    imports: [...imports],
  };
}

interface Call {
  /** The callee as written: `open`, `np.save`, `torch.save`, `fig.savefig`. */
  name: string;
  /** Top-level arguments, trimmed. */
  args: string[];
  offset: number;
}

/** Every call `name(...)` in the text, with its arguments split at top-level commas. */
function calls(text: string): Call[] {
  const out: Call[] = [];
  const re = /([A-Za-z_][\w.]*)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const close = matching(text, m.index + m[0].length - 1);
    if (close < 0) continue;
    out.push({ name: m[1], args: splitTop(text.slice(m.index + m[0].length, close)), offset: m.index });
  }
  return out;
}

/** Index of the bracket closing the one at `open`, skipping strings; -1 when unbalanced. */
function matching(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function stringEnd(text: string, start: number): number {
  const q = text[start];
  const triple = text.slice(start, start + 3) === q.repeat(3);
  const end = triple ? q.repeat(3) : q;
  for (let i = start + end.length; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(end, i)) return i + end.length - 1;
    else if (!triple && text[i] === '\n') return i;
  }
  return text.length;
}

/** Parts of `s` between top-level `sep` characters (outside strings and brackets; `//` and `**` are no `/` or `*`). */
function splitAt(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") i = stringEnd(s, i);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0 && s[i + 1] !== sep && s[i - 1] !== sep) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

/** Call arguments split at top-level commas (a trailing comma adds nothing). */
function splitTop(s: string): string[] {
  const out = splitAt(s, ',');
  return out[out.length - 1] === '' ? out.slice(0, -1) : out;
}

/** The expression a method is called on: `OUT` in `OUT.mkdir(`, `Path("x")` in `Path("x").write_text(`. */
function receiverBefore(text: string, dot: number): string | undefined {
  let i = dot - 1;
  if (text[i] === ')') {
    let depth = 0;
    for (; i >= 0; i--) {
      if (text[i] === ')') depth++;
      else if (text[i] === '(' && --depth === 0) break;
    }
    i--;
  }
  while (i >= 0 && /[\w.]/.test(text[i])) i--;
  const expr = text.slice(i + 1, dot).trim();
  // `(OUT / "x").write_text(` : the parenthesised expression.
  return expr.startsWith('(') ? expr.slice(1, -1) : expr || undefined;
}

/**
 * Names bound to path-like constants: `NAME = expr` at any indentation, function parameters with
 * defaults, and argparse/typer options with defaults (as `args.NAME`). A name bound twice to different
 * values is dropped: the script decides at run time.
 */
function constants(text: string, found: Call[], known: Record<string, string>): Record<string, string> {
  const vars: Record<string, string> = { ...known };
  const dropped = new Set<string>();
  const bind = (name: string, expr: string) => {
    if (dropped.has(name)) return;
    const v = evalPath(expr, vars);
    if (v === undefined) return;
    if (name in vars && vars[name] !== v) {
      delete vars[name];
      dropped.add(name);
    } else vars[name] = v;
  };
  const assign = /^[ \t]*([A-Za-z_][\w.]*)\s*(?::\s*[\w.[\], ]+)?=(?!=)\s*(.+)$/gm;
  for (let m = assign.exec(text); m; m = assign.exec(text)) bind(m[1], m[2].replace(/\s+#.*$/, ''));
  for (const call of found) {
    if (isDef(text, call.offset)) {
      for (const a of call.args) {
        const p = /^\*{0,2}(\w+)\s*(?::[^=]+)?=\s*([\s\S]+)$/.exec(a);
        if (p) bind(p[1], p[2]);
      }
    } else if (/\.add_argument$|\.Option$|^typer\.Option$/.test(call.name)) {
      const flag = call.args.map(unquote).find((x) => x?.startsWith('--'));
      const def = call.args.find((x) => /^default\s*=/.test(x));
      const dest = call.args.find((x) => /^dest\s*=/.test(x));
      const name = dest ? unquote(dest.replace(/^dest\s*=\s*/, '')) : flag?.replace(/^--/, '').replace(/-/g, '_');
      if (name && def) bind(`args.${name}`, def.replace(/^default\s*=\s*/, ''));
    }
  }
  return vars;
}

function isDef(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset) + 1;
  return /^\s*(?:async\s+)?def\s+$/.test(text.slice(lineStart, offset));
}

function unquote(s: string): string | undefined {
  const m = /^[rRbBuU]?(["'])(.*)\1$/s.exec(s.trim());
  return m ? m[2] : undefined;
}

/**
 * Evaluates a path expression: string literals, f-strings, os.path.join, Path(...), `/` and `+` joins,
 * names bound in `vars` (`args.out` through `getattr`-free access), os.environ.get/os.getenv defaults.
 * Undefined when any part is unknown.
 */
export function evalPath(expr: string | undefined, vars: Record<string, string>): string | undefined {
  if (expr === undefined) return undefined;
  let e = expr.trim();
  // Strip a trailing `.resolve()`, `.absolute()`, `.expanduser()`, str(...) and parentheses.
  for (;;) {
    const before = e;
    e = e.replace(/\.(?:resolve|absolute|expanduser)\(\)$/, '');
    const wrap = /^(?:str|os\.fspath|Path|pathlib\.Path|PurePath)\(([\s\S]*)\)$/.exec(e);
    if (wrap && matching(e, e.indexOf('(')) === e.length - 1) e = wrap[1].trim();
    if (e.startsWith('(') && matching(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
    if (e === before) break;
  }
  const lit = unquote(e);
  if (lit !== undefined) return lit;
  const f = /^[fF][rR]?(["'])(.*)\1$/s.exec(e);
  if (f) {
    let unknown = false;
    const v = f[2].replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const x = evalPath(name, vars);
      if (x === undefined) unknown = true;
      return x ?? '';
    });
    return unknown ? undefined : v;
  }
  if (/^[A-Za-z_][\w.]*$/.test(e) && e in vars) return vars[e];
  if (/^[A-Za-z_][\w.]*$/.test(e) && !/\.parent$/.test(e)) return undefined;
  const join = /^os\.path\.join\(([\s\S]*)\)$/.exec(e);
  if (join && matching(e, e.indexOf('(')) === e.length - 1) {
    const parts = splitTop(join[1]).map((p) => evalPath(p, vars));
    if (parts.some((p) => p === undefined)) return undefined;
    return joinPosix(parts as string[]);
  }
  const envGet = /^os\.(?:environ\.get|getenv)\(([\s\S]*)\)$/.exec(e);
  if (envGet && matching(e, e.indexOf('(')) === e.length - 1) {
    const args = splitTop(envGet[1]);
    return args[1] === undefined ? undefined : evalPath(args[1].replace(/^default\s*=\s*/, ''), vars);
  }
  for (const op of ['/', '+']) {
    const parts = splitOp(e, op);
    if (parts.length > 1) {
      const vals = parts.map((p) => evalPath(p, vars));
      if (vals.some((v) => v === undefined)) return undefined;
      return op === '/' ? joinPosix(vals as string[]) : (vals as string[]).join('');
    }
  }
  // Folders above a path: X.parent, X.parents[N], os.path.dirname(X).
  const parent = /^([\s\S]+)\.parent$/.exec(e) ?? /^os\.path\.dirname\(([\s\S]*)\)$/.exec(e);
  const parents = /^([\s\S]+)\.parents\[(\d+)\]$/.exec(e);
  if (parent || parents) {
    let dir = evalPath((parent ?? parents)![1], vars);
    if (dir === undefined) return undefined;
    for (let n = parents ? Number(parents[2]) + 1 : 1; n > 0; n--)
      dir = dir.includes('/') ? dir.replace(/\/[^/]*$/, '') || '/' : '.';
    return dir;
  }
  if (/^os\.path\.abspath\(/.test(e) && matching(e, e.indexOf('(')) === e.length - 1) {
    const inner = evalPath(e.slice(e.indexOf('(') + 1, -1), vars);
    return inner?.startsWith('/') ? inner : undefined;
  }
  return undefined;
}

/** Operands of a top-level binary operator, or `[s]` when `s` is not such an expression. */
function splitOp(s: string, op: string): string[] {
  const out = splitAt(s, op);
  return out.every((p) => p !== '') ? out : [s];
}

function joinPosix(parts: string[]): string {
  let out = '';
  for (const p of parts) out = p.startsWith('/') || out === '' ? p : `${out.replace(/\/+$/, '')}/${p}`;
  return out;
}
