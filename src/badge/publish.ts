/**
 * Publishing the badge: files in a folder (for GitHub Pages or any static host), or a commit to a
 * dedicated branch through the contents API (@actions/github). The branch logic runs over a small
 * interface so tests drive it against a loopback stand-in for the GitHub API. It never force-pushes and
 * never writes to the default branch: each file is one ordinary commit with the blob sha it replaces.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lazyOctokit } from '../action/octokit.js';
import { ReproError } from '../errors.js';
import { badgePaths, renderBadgeSvg, type ShieldsEndpoint } from './badge.js';

export const DEFAULT_BADGE_BRANCH = 'repro-badges';

export function badgeFiles(project: string, badge: ShieldsEndpoint): { path: string; content: string }[] {
  const p = badgePaths(project);
  return [
    { path: p.json, content: JSON.stringify(badge) + '\n' },
    { path: p.svg, content: renderBadgeSvg(badge) },
  ];
}

/** Writes `<dir>/<project>.json` and `.svg`; returns the paths. */
export function writeBadgeDir(dir: string, project: string, badge: ShieldsEndpoint): string[] {
  mkdirSync(dir, { recursive: true });
  return badgeFiles(project, badge).map((f) => {
    const file = path.join(dir, path.basename(f.path));
    writeFileSync(file, f.content);
    return file;
  });
}

export interface BranchApi {
  defaultBranch(): Promise<string>;
  /** Head commit sha of the branch, undefined when it does not exist. */
  branchSha(branch: string): Promise<string | undefined>;
  createBranch(branch: string, sha: string): Promise<void>;
  /** The file's blob sha and text on the branch, undefined when absent. */
  getFile(file: string, branch: string): Promise<{ sha: string; content: string } | undefined>;
  putFile(file: string, branch: string, content: string, message: string, sha?: string): Promise<void>;
}

export interface BadgeCommit {
  branch: string;
  created: boolean;
  /** Files written; unchanged ones are skipped (no empty commits). */
  written: string[];
}

/** Reads the badge already on the branch (to carry its date), or undefined. */
export async function previousBadge(
  api: BranchApi,
  branch: string,
  project: string,
): Promise<Partial<ShieldsEndpoint> | undefined> {
  if (!(await api.branchSha(branch))) return undefined;
  const f = await api.getFile(badgePaths(project).json, branch);
  try {
    return f ? (JSON.parse(f.content) as Partial<ShieldsEndpoint>) : undefined;
  } catch {
    return undefined;
  }
}

export async function commitBadge(
  api: BranchApi,
  branch: string,
  project: string,
  badge: ShieldsEndpoint,
): Promise<BadgeCommit> {
  const def = await api.defaultBranch();
  if (branch === def)
    throw new ReproError(`the badge branch "${branch}" is the default branch; badges are never committed there.`, {
      fix: `use a dedicated branch such as \`${DEFAULT_BADGE_BRANCH}\`.`,
    });
  let created = false;
  if (!(await api.branchSha(branch))) {
    const base = await api.branchSha(def);
    if (!base)
      throw new ReproError(`the default branch ${def} was not found, so the badge branch cannot be made from it.`);
    await api.createBranch(branch, base);
    created = true;
  }
  const written: string[] = [];
  for (const f of badgeFiles(project, badge)) {
    const old = await api.getFile(f.path, branch);
    if (old?.content === f.content) continue;
    await api.putFile(f.path, branch, f.content, `repro-ci: ${badge.message}`, old?.sha);
    written.push(f.path);
  }
  return { branch, created, written };
}

export function octokitBranchApi(token: string, repository: string): BranchApi {
  const { api, owner, repo } = lazyOctokit(token, repository);
  const notFound = (e: unknown) => (e as { status?: number }).status === 404;
  return {
    defaultBranch: async () => (await (await api).rest.repos.get({ owner, repo })).data.default_branch,
    branchSha: async (branch) => {
      try {
        return (await (await api).rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
      } catch (e) {
        if (notFound(e)) return undefined;
        throw e;
      }
    },
    createBranch: async (branch, sha) =>
      void (await (await api).rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha })),
    getFile: async (file, branch) => {
      try {
        const d = (await (await api).rest.repos.getContent({ owner, repo, path: file, ref: branch })).data as {
          sha: string;
          content?: string;
        };
        return { sha: d.sha, content: Buffer.from(d.content ?? '', 'base64').toString('utf8') };
      } catch (e) {
        if (notFound(e)) return undefined;
        throw e;
      }
    },
    putFile: async (file, branch, content, message, sha) =>
      void (await (
        await api
      ).rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: file,
        branch,
        message,
        content: Buffer.from(content).toString('base64'),
        ...(sha ? { sha } : {}),
      })),
  };
}
