/**
 * The lint rules, written once as data: id, why, fix. The checks (checks.ts), the SARIF rules, the
 * annotations and docs/lint.md all read this table.
 */

/** `error`: the build cannot succeed, so it blocks at every level; `warning` blocks at level error. */
export type Severity = 'error' | 'warning' | 'note';

export interface RuleInfo {
  id: string;
  name: string;
  severity: Severity;
  /** What the rule finds, one line. */
  title: string;
  /** Why it matters for reproducing a result, one line. */
  why: string;
  /** How to fix it, one line. */
  fix: string;
}

export const RULES = [
  {
    id: 'RC001',
    name: 'buildkit-refuses',
    severity: 'error',
    title: 'BuildKit cannot build this Dockerfile: its parser or instruction reader stops at this line.',
    why: 'the build fails before any step runs, so nothing can be trained, checked or published from it.',
    fix: 'correct the line as the message says (the message is the error BuildKit gives); `docker buildx build --check .` shows it too.',
  },
  {
    id: 'RC101',
    name: 'from-tag',
    severity: 'warning',
    title: 'FROM has no tag, or uses `latest`.',
    why: 'an untagged or `latest` base image is whatever was pushed last: the next build silently gets another OS and Python.',
    fix: 'name a version tag, e.g. `FROM python:3.11-slim`, and better pin its digest as well (RC102).',
  },
  {
    id: 'RC102',
    name: 'from-digest',
    severity: 'warning',
    title: 'FROM is not pinned by digest.',
    why: 'tags move: `python:3.11-slim` is rebuilt for every patch release, so the same Dockerfile builds different images over time.',
    fix: 'append the digest: `FROM python:3.11-slim@sha256:...` (`docker image inspect --format "{{index .RepoDigests 0}}" IMAGE` prints it); keep the tag for readers.',
  },
  {
    id: 'RC103',
    name: 'syntax-directive',
    severity: 'warning',
    title: 'A `# syntax=` parser directive makes BuildKit fetch the Dockerfile frontend image.',
    why: 'BuildKit pulls that frontend from a registry (Docker Hub for docker/dockerfile) before reading the file: builds fail offline or behind a mirror (BuildKit v0.8 on dockerd 20.10 always tries), and a floating `:1` changes the parser under you.',
    fix: 'delete the line unless you need newer syntax (heredocs, `COPY --link`); then pin it: `# syntax=docker/dockerfile:1.7@sha256:...`.',
  },
  {
    id: 'RC104',
    name: 'copy-from-image',
    severity: 'warning',
    title: '`COPY --from=` names an image by tag, not by digest.',
    why: 'like an unpinned FROM, the files copied from `--from=image:tag` change whenever that tag is pushed again.',
    fix: 'pin it: `COPY --from=image:tag@sha256:...`, or name a stage of this Dockerfile that starts from a pinned image.',
  },
  {
    id: 'RC201',
    name: 'requirements-unpinned',
    severity: 'warning',
    title: 'A requirements file installed by the Dockerfile has requirements that are not pinned.',
    why: '`>=`, `~=`, `==1.*` and bare names resolve to whatever is newest on the day of the build, so results drift with the index.',
    fix: 'pin every line with `==` (generate them with `pip freeze`, `pip-compile` or `uv pip compile`), or add `--hash=` to every line.',
  },
  {
    id: 'RC202',
    name: 'install-unpinned',
    severity: 'warning',
    title: 'Packages named on an install command line are not pinned.',
    why: 'a bare `pip install numpy` (or `conda install numpy`) installs the newest release on the day of the build.',
    fix: 'pin each package (`numpy==1.26.4`, conda `numpy=1.26.4`), or move them into a pinned requirements or lock file.',
  },
  {
    id: 'RC203',
    name: 'lockfile-unused',
    severity: 'warning',
    title: 'uv, Poetry, Pipenv or conda installs without using a lock file.',
    why: 'without the lock the tool resolves versions again at build time, and a lock that is not enforced can be silently updated.',
    fix: 'copy the lock file in and enforce it: `uv sync --locked`, `poetry install` with poetry.lock copied (never `poetry lock`/`update` in the image), `pipenv install --deploy`, conda from an `@EXPLICIT` spec or `conda-lock install`.',
  },
  {
    id: 'RC204',
    name: 'fetch-unpinned',
    severity: 'warning',
    title:
      'Something is fetched at build time by a moving name: `releases/latest`, an `ADD` URL without a checksum, a `git clone` of a branch.',
    why: 'the next build fetches whatever that name points to then: another version of the tool or code, with nothing in the Dockerfile changed.',
    fix: 'name the exact release (`releases/download/v1.2.3/...`), give `ADD --checksum=sha256:...`, and `git checkout <commit>` after the clone (or clone a tag).',
  },
  {
    id: 'RC205',
    name: 'pipe-to-shell',
    severity: 'warning',
    title: 'A script downloaded and run in one go (`curl ... | sh`).',
    why: 'the script is whatever the server sends at build time, unchecked: it changes, or fails, without a trace in the Dockerfile.',
    fix: 'download a pinned version to a file, check its sha256 (`echo "SUM  file" | sha256sum -c`), then run it; or use a package manager.',
  },
  {
    id: 'RC301',
    name: 'copy-all-before-deps',
    severity: 'warning',
    title: 'The whole build context is copied before dependencies are installed.',
    why: 'every code edit then invalidates the install layer: dependencies are downloaded and resolved again, slowly and possibly to other versions.',
    fix: 'copy only the dependency files first (`COPY requirements.txt .`), install, then `COPY . .`.',
  },
  {
    id: 'RC302',
    name: 'dockerignore-missing',
    severity: 'warning',
    title: 'The build context has no .dockerignore.',
    why: 'everything in the folder (data, checkpoints, virtualenvs, .git) is sent to the builder, slowing every build, and `COPY . .` puts it in the image.',
    fix: 'add a .dockerignore next to the context with at least `.git/`, `data/`, `models/`, `venv/`, `.venv/`, `__pycache__/`.',
  },
  {
    id: 'RC303',
    name: 'dockerignore-weak',
    severity: 'warning',
    title: '.dockerignore does not exclude data, models, virtualenvs or .git that are in the build context.',
    why: 'large or machine-specific folders are sent to the builder and can leak into the image, making it bigger and different on every machine.',
    fix: 'add the listed folders to .dockerignore (mount data and models at run time instead).',
  },
  {
    id: 'RC304',
    name: 'context-large',
    severity: 'note',
    title: 'The build context is large.',
    why: 'the whole context is sent to the builder on every build, before any cache can help.',
    fix: 'exclude the largest folders listed in the message with .dockerignore, or point `context:` at a smaller folder.',
  },
  {
    id: 'RC305',
    name: 'copy-source-missing',
    severity: 'warning',
    title: 'A COPY or ADD source is not in the build context (or .dockerignore excludes it).',
    why: 'BuildKit fails with `"/path" not found`; or the file is made by an earlier workflow step that a fresh clone does not have, so the build cannot be reproduced from the commit.',
    fix: "commit the file, point the image's `context:` at the folder that holds it, or remove it from .dockerignore; data belongs in a mount, not the image.",
  },
  {
    id: 'RC306',
    name: 'step-output-in-context',
    severity: 'warning',
    title: 'A folder a step writes into (a writable mount) is sent to the build.',
    why: 'the next build sends what the last run wrote: one commit gives a new image on every run, holding old outputs, and a fresh clone builds something else.',
    fix: 'repro-ci keeps its results folder and the folders steps write out of a build by itself, unless the Dockerfile COPYs one by name (as here, or the lint ran without repro.yml): COPY only what the image needs from it, add it to .dockerignore, or mount a folder outside the context.',
  },
  {
    id: 'RC401',
    name: 'apt-recommends',
    severity: 'warning',
    title: '`apt-get install` without `--no-install-recommends`.',
    why: 'recommended packages are an unpinned, changing set of extra software in the image.',
    fix: 'use `apt-get install -y --no-install-recommends PACKAGES`.',
  },
  {
    id: 'RC402',
    name: 'apt-cleanup',
    severity: 'note',
    title: 'apt package lists are left in the image and no cache mount is used.',
    why: 'the lists add tens of MB to the layer and go stale; a cache mount keeps downloads between builds instead.',
    fix: 'end the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use `RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt`.',
  },
  {
    id: 'RC403',
    name: 'pip-cache-contradiction',
    severity: 'warning',
    title: '`--no-cache-dir` (or PIP_NO_CACHE_DIR) together with a pip cache mount.',
    why: 'the flag makes pip ignore the cache mount, so every build downloads every wheel again.',
    fix: 'drop `--no-cache-dir`: the cache mount is not part of the image, so it costs no image size.',
  },
  {
    id: 'RC404',
    name: 'cache-mount-unknown',
    severity: 'warning',
    title: 'A cache mount whose id or options use a variable the Dockerfile does not set.',
    why: 'only the base image can set that variable (its ENV), so the cache the build really uses is unknown here: repro-ci cannot keep it between CI runs, and a changed base image silently changes which cache is used.',
    fix: 'write the value (`uid=1000`), or declare it with `ARG NAME=value` in the stage (a build arg can then override it).',
  },
  {
    id: 'RC501',
    name: 'python-unbuffered',
    severity: 'note',
    title: 'Python entry point without `-u` or PYTHONUNBUFFERED.',
    why: 'Python buffers stdout when it is not a terminal: training logs arrive late or are lost when the container is killed.',
    fix: 'add `ENV PYTHONUNBUFFERED=1`, or run `python -u`.',
  },
  {
    id: 'RC601',
    name: 'secret-in-env',
    severity: 'warning',
    title: 'A secret in ENV or ARG.',
    why: 'ENV values and build args are stored in the image metadata and history: anyone who pulls the image can read them.',
    fix: 'pass secrets with `RUN --mount=type=secret,id=NAME` at build time, or as environment variables at run time.',
  },
] as const satisfies readonly RuleInfo[];

export type RuleId = (typeof RULES)[number]['id'];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleInfo(id: RuleId): RuleInfo {
  return RULES.find((r) => r.id === id)!;
}
