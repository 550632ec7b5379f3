/**
 * Turns docker's own failure output into errors that say what happened and what to do. Pure: input
 * is the exit code and the last lines docker printed.
 */
import { ReproError } from '../errors.js';
import { formatDuration } from '../util/text.js';
import { isGpuRuntimeError } from '../gpu/gpu.js';

import { formatBytes } from '../util/bytes.js';

export { isGpuRuntimeError };

export interface RunFailure {
  exitCode: number;
  timedOut: boolean;
  tail: string[];
  /** The engine's own word (`State.OOMKilled`), and the memory limit in bytes (0: none), when it was asked. */
  oomKilled?: boolean;
  memoryLimit?: number;
}

const GPU_RUNTIME_FIX =
  'this machine has no GPU container runtime. Install the NVIDIA driver and the NVIDIA Container Toolkit, run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker; or use `gpus: optional` to fall back to the CPU, or `gpus: none`.';

export function explainRunFailure(step: string, f: RunFailure, timeoutSeconds: number, logFile: string): ReproError {
  const tail = formatTail(f.tail);
  if (f.timedOut) {
    return new ReproError(
      `step "${step}" ran past its timeout of ${formatDuration(timeoutSeconds)} and was stopped.${tail}`,
      {
        fix: `raise \`timeout:\` for this step in repro.yml, or make the step faster. Full log: ${logFile}`,
      },
    );
  }
  const text = f.tail.join('\n');
  if (f.exitCode === 125 && isGpuRuntimeError(text)) {
    return new ReproError(`step "${step}" asked for GPUs, but docker could not give it any.${tail}`, {
      fix: GPU_RUNTIME_FIX,
    });
  }
  if (f.exitCode === 125) {
    return new ReproError(`docker could not start the container of step "${step}" (exit code 125).${tail}`, {
      fix: "read docker's message above: usually a bad mount, network or image setting in repro.yml.",
    });
  }
  if (f.exitCode === 126 || f.exitCode === 127) {
    const what = f.exitCode === 127 ? 'was not found in the image' : 'is not executable';
    return new ReproError(`the command of step "${step}" ${what} (exit code ${f.exitCode}).${tail}`, {
      fix: 'check `command:`/`args:` in repro.yml and the ENTRYPOINT of the image.',
    });
  }
  if (f.oomKilled) {
    const limit = f.memoryLimit
      ? `its limit of ${formatBytes(f.memoryLimit)} (the step's \`memory:\` in repro.yml)`
      : "the machine's memory (no limit was set)";
    return new ReproError(
      `step "${step}" ran out of memory: the kernel stopped it at ${limit} (exit code ${f.exitCode}).${tail}`,
      {
        fix: `${f.memoryLimit ? 'raise `memory:` for this step, or ' : ''}make the step use less (smaller batches, fewer workers). Full log: ${logFile}`,
      },
    );
  }
  // 137 without the engine reporting an OOM kill: something sent SIGKILL (a stop, the step itself).
  const killed =
    f.exitCode === 137
      ? ` The process was killed (SIGKILL)${f.oomKilled === false ? ', not for memory: the engine reports no out-of-memory kill' : ''}.`
      : '';
  return new ReproError(`step "${step}" failed with exit code ${f.exitCode}.${killed}${tail}`, {
    fix: `read the log lines above (full log: ${logFile}).`,
  });
}

export function explainBuildFailure(dockerfile: string, exitCode: number, tail: string[]): ReproError {
  const text = tail.join('\n');
  const parse = /dockerfile parse error (?:on )?line (\d+): (.*)/i.exec(text);
  if (parse) {
    return new ReproError(`${dockerfile} does not parse: ${parse[2].trim()}`, {
      location: { file: dockerfile, line: Number(parse[1]) },
      fix: 'fix that line of the Dockerfile (see https://docs.docker.com/reference/dockerfile/).',
    });
  }
  const missingBase = baseImageNamed(text);
  if (
    missingBase &&
    /pull access denied|not found|no such host|dial tcp|connection refused|i\/o timeout|unauthorized/.test(text)
  ) {
    return new ReproError(
      `building ${dockerfile}: the base image ${missingBase} could not be pulled.${formatTail(tail)}`,
      {
        fix: 'check the FROM line (name and tag), that the registry is reachable from this runner, and log in first for a private image.',
      },
    );
  }
  const notFound = /failed to compute cache key: .*?"?([^"\s]+)"?: not found/.exec(text);
  if (notFound) {
    return new ReproError(
      `building ${dockerfile}: a file it copies is missing from the build context: ${notFound[1]}.${formatTail(tail)}`,
      {
        fix: 'check the COPY/ADD paths (relative to `context:` in repro.yml) and that .dockerignore does not exclude them.',
      },
    );
  }
  const runFailed =
    /(?:process "(.+)" did not complete successfully|executor failed running \[(.+)\]): exit code: (\d+)/.exec(text);
  if (runFailed) {
    return new ReproError(
      `building ${dockerfile}: \`${(runFailed[1] ?? runFailed[2]).replace(/^\/bin\/sh -c /, '')}\` failed with exit code ${runFailed[3]}.${formatTail(tail)}`,
      {
        fix: 'fix that RUN instruction; its output is above.',
      },
    );
  }
  return new ReproError(`docker build of ${dockerfile} failed (exit code ${exitCode}).${formatTail(tail)}`, {
    fix: 'read the build log above.',
  });
}

/**
 * The image a failed pull names: BuildKit says `failed to resolve source metadata for IMAGE:` or `load
 * metadata for IMAGE`, the engine `pull access denied for IMAGE,`; a bare request error names only the
 * registry URL (`failed to do request: Head "https://HOST/v2/REPO/manifests/TAG"`), so the image is rebuilt from it.
 */
function baseImageNamed(text: string): string | undefined {
  const named = /failed to (?:resolve source metadata|load metadata) for (\S+)|pull access denied for (\S+?),/i.exec(
    text,
  );
  if (named) return (named[1] ?? named[2]).replace(/:$/, '');
  const url = /failed to do request: \w+ "?https?:\/\/([^/"\s]+)\/v2\/(\S+?)\/manifests\/([^"\s:]+)/i.exec(text);
  return url ? `${url[1].replace(/^registry-1\.docker\.io$/, 'docker.io')}/${url[2]}:${url[3]}` : undefined;
}

/** A failed push; `transient` when trying again may work (5xx, 429, a reset or timed-out connection). */
export class PushError extends ReproError {
  constructor(
    message: string,
    fix: string,
    readonly transient: boolean,
    readonly refused = false,
  ) {
    super(message, { fix });
    this.name = 'PushError';
  }
}

/**
 * Registry faults that pass: HTTP 5xx and 429 answers, and connections that reset or time out. Refused
 * connections and unknown hosts are not (a wrong host stays wrong), nor are refused logins.
 */
export function isTransientPushFailure(text: string): boolean {
  // `error from registry: unavailable`: dockerd 28 on the containerd store quotes the registry's error code.
  return /\b(50[0-4]|429)\b|error from registry: (unavailable|toomanyrequests)|Service Unavailable|Bad Gateway|Gateway Time-?out|Internal Server Error|toomanyrequests|too many requests|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|request canceled|context deadline exceeded/i.test(
    text,
  );
}

export function explainPushFailure(ref: string, tail: string[]): PushError {
  const text = tail.join('\n');
  const registry = ref.split('/')[0];
  // \b around the status codes: layer ids in the push log (`d4013ab45f0e: Preparing`) must not match.
  if (/unauthorized|authentication required|no basic auth credentials|denied|forbidden|\b40[13]\b/i.test(text)) {
    return new PushError(
      `the registry ${registry} refused the push of ${ref}: not logged in or not allowed.${formatTail(tail)}`,
      'log in before pushing (the `username`/`password` inputs or docker/login-action), and check that the account may write to this repository; for ghcr.io give the workflow `permissions: packages: write`.',
      false,
      true,
    );
  }
  if (
    /connection refused|no such host|network is unreachable/.test(text) ||
    (/dial tcp/.test(text) && !isTransientPushFailure(text))
  ) {
    return new PushError(
      `cannot reach the registry ${registry} to push ${ref}.${formatTail(tail)}`,
      'check the registry host in `push.image` (or the `registry`/`image` inputs) and that it is running and reachable from this runner.',
      false,
    );
  }
  if (/server gave HTTP response to HTTPS client/.test(text)) {
    return new PushError(
      `the registry ${registry} speaks plain HTTP, and docker only allows that for localhost.${formatTail(tail)}`,
      `add "${registry}" to "insecure-registries" in the engine's daemon.json, or serve the registry over TLS.`,
      false,
    );
  }
  if (isTransientPushFailure(text)) {
    return new PushError(
      `the registry ${registry} failed the push of ${ref} with a passing fault.${formatTail(tail)}`,
      'the registry or the network between had a passing fault; re-run the job, or raise `push.retries` in repro.yml.',
      true,
    );
  }
  return new PushError(
    `docker push ${ref} failed.${formatTail(tail)}`,
    'read the push log above; if the registry had a passing fault, re-run the job.',
    false,
  );
}

/** A push stopped at its deadline: the registry stalled (it answered its ping), or the upload is that slow. */
export function pushPastDeadline(ref: string, deadlineMs: number): PushError {
  const registry = ref.split('/')[0];
  const s = Math.round(deadlineMs / 1000);
  return new PushError(
    `docker push ${ref} did not finish within ${s} s, so it was stopped: the registry ${registry} stopped answering during the upload, or the upload is slower than that.`,
    'check that the registry is healthy (it answered, then stalled); for a large image on a slow link, raise `push.timeout` in repro.yml.',
    false,
  );
}

export function explainLoginFailure(registry: string, username: string, tail: string[]): ReproError {
  const text = tail.join('\n');
  if (/unauthorized|incorrect username or password|denied|\b401\b/i.test(text)) {
    return new ReproError(`the registry ${registry} refused the login of ${username}.${formatTail(tail)}`, {
      fix: 'check the `username` and `password` inputs (a token with write access to packages; for ghcr.io the workflow needs `permissions: packages: write`).',
    });
  }
  return new ReproError(`docker login to ${registry} as ${username} failed.${formatTail(tail)}`, {
    fix: 'check the `registry` host and that it is reachable from this runner.',
  });
}

export function formatTail(lines: string[], max = 20): string {
  const kept = lines.filter((l) => l.trim() !== '').slice(-max);
  return kept.length ? `\n  Last lines:\n${kept.map((l) => `    | ${l}`).join('\n')}` : '';
}
