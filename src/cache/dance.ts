/**
 * The Dockerfiles of the two helper builds that move a cache mount's content in and out of BuildKit
 * (pure). Both start from an image the real build uses anyway (no extra pull) and run one RUN with the
 * same cache mount id, uid, gid and mode as the real build; nothing lands in the image store.
 *
 * Two ways to carry the archive (`Transport`):
 * - `stream` (tried first where the builder runs inside the local engine): the RUN runs on the host's
 *   network and pipes tar straight to or from a loopback socket that this process serves
 *   (ArchiveChannel). No build context going in, no exported stage coming out: BuildKit's session moves
 *   ~120 MB/s here, the socket as fast as tar goes (the bench's 500 MB mount: inject + extract 14.8 s →
 *   5.9-7.4 s). The
 *   RUN connects with bash's /dev/tcp or python3; an image with neither, or an engine whose host network
 *   is not this machine's (a remote daemon, Docker Desktop's VM, a job container beside the host's
 *   engine), prints `repro-ci-stream=unavailable` and exits 0, and the caller goes on with `context`;
 * - `context`: inject bind-mounts `cache.tar` from the build context, extract exports one stage holding
 *   it (`--output type=local`).
 * Inject unpacks only into an empty mount (a warm self-hosted builder keeps its own, newer content) and
 * prints `repro-ci-inject=kept|injected`. Where nothing needs exporting the caller builds the RUN's stage
 * alone (buildx: `type=cacheonly`); the classic client, which cannot export nothing, gets the small last
 * stage. Every command's failure fails the helper build (no `|| true`); the caller turns that into a
 * warning. A nonce in each RUN keeps BuildKit from answering it from the layer cache; `--no-cache` is
 * never used because it would start the mount empty.
 */
import type { CacheMount } from './mounts.js';

export const MOUNT_DIR = '/repro-ci-mount';
export const ARCHIVE = 'cache.tar';
export const RESULT = 'result';

export type Transport = 'stream' | 'context';

/** Build args (values from the client's environment, so never in argv or the log) the stream's RUN reads. */
export const STREAM_ARGS = { port: 'REPRO_CI_STREAM_PORT', token: 'REPRO_CI_STREAM_TOKEN' } as const;
/** What the channel answers a right token with; anything else is not ours. */
export const STREAM_HELLO = 'repro-ci-ok';
/** The exit status of the stream's client when it cannot stream (no client, no connection, not ours). */
const CANNOT_STREAM = 75;

export function mountFlag(m: Pick<CacheMount, 'id' | 'perms'>): string {
  // `locked`: the helper must not run beside a real build writing the same mount. uid/gid/mode exactly when
  // the Dockerfile sets them: with them BuildKit keys the cache apart (see CacheMount.perms).
  const id = /[",]/.test(m.id) ? `"id=${m.id.replace(/"/g, '""')}"` : `id=${m.id}`;
  const perms = m.perms ? `,uid=${m.perms.uid},gid=${m.perms.gid},mode=${m.perms.mode}` : '';
  return `--mount=type=cache,${id},target=${MOUNT_DIR},sharing=locked${perms}`;
}

/** Exec form; the last word (the script's $0) names the mount, so `docker builder du` shows whose record it is. */
function run(script: string, m: CacheMount, nonce: string): string {
  return JSON.stringify(['/bin/sh', '-c', script, `repro-ci-cache:${m.id}:${nonce}`]);
}

/** The stage that does the helper's work (the build's target where nothing needs exporting). */
export const WORK_STAGE = 'work';

/** A marker line the caller reads; printf's format keeps it out of the command text, which the build log echoes too. */
const marker = (name: string, value: string) => `printf 'repro-ci-%s=%s\\n' ${name} ${value}`;

/**
 * After `tar -x`: read what is left on the socket. tar stops at the archive's end-of-archive blocks, and a
 * socket closed with bytes unread (the record padding after them) is reset, which breaks the host's send
 * of an archive that arrived whole (seen once in ten 500 MB injects). tar's status already says whether
 * the archive was whole; the drain lets the host's send end cleanly, so a broken send still means a break.
 */
const DRAIN_BASH =
  'if command -v cat >/dev/null; then cat <&3 >/dev/null; else while IFS= read -r -u 3 _; do :; done; fi';
const DRAIN_PY = 'if r==0:\n while s.recv(1<<16): pass';

/**
 * Connects to the channel, says the token, checks the answer, then runs `tar` (an argv without quotes)
 * on the socket: stdin for `-x`, stdout for `-c`. bash first (every Debian/Ubuntu/RHEL image), python3
 * next (python's Alpine images); exits CANNOT_STREAM when neither can connect to us.
 */
export function streamClient(tar: string[], direction: 'in' | 'out'): string {
  const { port, token } = STREAM_ARGS;
  const redirect = direction === 'in' ? '<&3' : '>&3';
  const bash = [
    `{ exec 3<>/dev/tcp/127.0.0.1/$${port}; } 2>/dev/null || exit ${CANNOT_STREAM}`,
    `printf "%s\\n" "$${token}" >&3`,
    // read takes a socket byte by byte: nothing after the answer's newline is consumed.
    `IFS= read -r -t 30 hello <&3`,
    `[ "$hello" = ${STREAM_HELLO} ] || exit ${CANNOT_STREAM}`,
    ...(direction === 'in'
      ? [`${tar.join(' ')} ${redirect} || exit $?`, DRAIN_BASH]
      : [`${tar.join(' ')} ${redirect}`]),
  ].join('\n');
  const py = [
    'import os,socket,subprocess,sys',
    'try:',
    ` s=socket.create_connection(("127.0.0.1",int(os.environ["${port}"])),30)`,
    ` s.sendall((os.environ["${token}"]+"\\n").encode())`,
    ' h=b""',
    ' while not h.endswith(b"\\n") and len(h)<64:',
    '  c=s.recv(1)',
    '  if not c: break',
    '  h+=c',
    ' s.settimeout(None)',
    'except (OSError,ValueError): sys.exit(' + CANNOT_STREAM + ')',
    `if h!=b"${STREAM_HELLO}\\n": sys.exit(${CANNOT_STREAM})`,
    `r=subprocess.run(${JSON.stringify(tar)},${direction === 'in' ? 'stdin' : 'stdout'}=s.fileno()).returncode`,
    ...(direction === 'in' ? [DRAIN_PY] : []),
    'sys.exit(r)',
  ].join('\n');
  return [
    'rc=0',
    `if command -v bash >/dev/null 2>&1; then bash -c '${bash}' || rc=$?`,
    `elif command -v python3 >/dev/null 2>&1; then python3 -c '${py}' || rc=$?`,
    `else rc=${CANNOT_STREAM}; fi`,
    // The classic client exports the result file even then (it cannot export nothing): write one.
    `if [ $rc = ${CANNOT_STREAM} ]; then echo unavailable > /${RESULT}; ${marker('stream', 'unavailable')}; exit 0; fi`,
    '[ $rc = 0 ] || exit $rc',
  ].join('\n');
}

/**
 * The helper's Dockerfile: the work stage (with the stream's args, whose values come with the build, see
 * STREAM_ARGS) and a scratch stage holding the one file that is exported where something must be.
 */
function helperDockerfile(image: string, transport: Transport, run: string, exported: string): string {
  const args = transport === 'stream' ? [`ARG ${STREAM_ARGS.port}`, `ARG ${STREAM_ARGS.token}`] : [];
  return [
    `FROM ${image} AS ${WORK_STAGE}`,
    ...args,
    `RUN ${run}`,
    'FROM scratch',
    `COPY --from=${WORK_STAGE} ${exported} /`,
    '',
  ].join('\n');
}

export function injectDockerfile(
  m: CacheMount,
  image: string,
  nonce: string,
  transport: Transport = 'context',
): string {
  // The file is only what the classic client exports (it cannot export nothing).
  const outcome = (what: string) => `echo ${what} > /${RESULT}; ${marker('inject', what)}`;
  const unpack =
    transport === 'stream'
      ? streamClient(['tar', '-xf', '-', '-C', MOUNT_DIR], 'in')
      : `tar -xf /repro-ci-in/${ARCHIVE} -C ${MOUNT_DIR}`;
  const script = [
    'set -e',
    `if [ -n "$(ls -A ${MOUNT_DIR})" ]; then ${outcome('kept')}; echo "repro-ci: the builder's cache mount already holds files; keeping them"; exit 0; fi`,
    unpack,
    outcome('injected'),
  ].join('\n');
  const bind = transport === 'context' ? ` --mount=type=bind,source=${ARCHIVE},target=/repro-ci-in/${ARCHIVE}` : '';
  return helperDockerfile(image, transport, `${mountFlag(m)}${bind} ${run(script, m, nonce)}`, `/${RESULT}`);
}

export function extractDockerfile(
  m: CacheMount,
  image: string,
  nonce: string,
  transport: Transport = 'context',
): string {
  if (transport === 'stream') {
    const script = [
      'set -e',
      `echo extracted > /${RESULT}`,
      streamClient(['tar', '-cf', '-', '-C', MOUNT_DIR, '.'], 'out'),
      marker('extract', 'streamed'),
    ].join('\n');
    return helperDockerfile(image, transport, `${mountFlag(m)} ${run(script, m, nonce)}`, `/${RESULT}`);
  }
  const script = ['set -e', 'mkdir -p /repro-ci-out', `tar -cf /repro-ci-out/${ARCHIVE} -C ${MOUNT_DIR} .`].join('\n');
  return helperDockerfile(image, transport, `${mountFlag(m)} ${run(script, m, nonce)}`, `/repro-ci-out/${ARCHIVE}`);
}

/** What the inject build did, from its log; undefined when the log does not say. */
export function injectOutcome(log: string): 'kept' | 'injected' | undefined {
  return /repro-ci-inject=(kept|injected)\b/.exec(log)?.[1] as 'kept' | 'injected' | undefined;
}

/** Whether a stream helper's RUN found no way to stream (the caller then sends the archive as build context). */
export function streamUnavailable(log: string): boolean {
  return /repro-ci-stream=unavailable\b/.test(log);
}

/** Whether a stream extract's RUN says it sent the whole archive. */
export function extractStreamed(log: string): boolean {
  return /repro-ci-extract=streamed\b/.test(log);
}

/**
 * Whether to try the stream at all: its RUN reaches this machine's loopback only when the builder runs
 * inside the engine (the docker driver, or the classic client) and the engine is this machine's. Elsewhere
 * it would cost a failed attempt on every mount.
 */
export function streamPossible(f: { builder: 'buildx' | 'classic'; driver?: string; dockerHost?: string }): boolean {
  if (f.builder === 'buildx' && f.driver !== 'docker') return false;
  return !f.dockerHost || f.dockerHost.startsWith('unix://');
}
