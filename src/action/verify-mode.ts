/**
 * The action with `mode: verify` (scheduled workflows): re-run a published image against its record,
 * set the outputs, write the verdict to the job summary, update the badge, and fail the job when the
 * image no longer reproduces or cannot be verified.
 */
import path from 'node:path';
import * as core from '@actions/core';
import type { RunContext } from '../context.js';
import { Docker } from '../docker/docker.js';
import { ReproError } from '../errors.js';
import { exec } from '../exec/exec.js';
import { parseImageRef } from '../record/companion.js';
import { verify, VERIFY_RESULTS } from '../verify/verify.js';
import { renderVerdictMarkdown } from '../verify/report.js';
import { publishBadge, type BadgeTarget } from './badge.js';
import type { ActionInputs } from './inputs.js';
import { actionLogger } from './logger.js';

export async function verifyMode(inputs: ActionInputs, context: RunContext, badge: BadgeTarget): Promise<void> {
  if (!inputs.verifyImage)
    throw new ReproError('`mode: verify` needs `verify-image`.', {
      fix: 'set `verify-image:` to the published image, e.g. ghcr.io/owner/project:main.',
    });
  const docker = new Docker(exec, actionLogger);
  const results = path.resolve(inputs.workingDirectory, VERIFY_RESULTS);
  let outcome;
  try {
    // The checked-out repository supplies inputs no step produces (data committed next to repro.yml).
    outcome = await verify(
      {
        image: inputs.verifyImage,
        builder: inputs.builder,
        gpus: inputs.gpus,
        gpusFrom: 'the gpus input',
        results,
        workspace: path.resolve(inputs.workingDirectory),
      },
      docker,
      actionLogger,
    );
  } catch (e) {
    // No record could be read, so the project is named after the image's last path segment.
    const project = imageName(inputs.verifyImage);
    const b = await publishBadge(context, badge, project, { kind: 'error', date: new Date() });
    core.setOutput('badge', b.message ?? '');
    throw e;
  }
  const { record, result } = outcome;
  core.setOutput('passed', String(result.ok));
  core.setOutput('metrics', JSON.stringify(result.metrics ?? {}));
  core.setOutput('checks', JSON.stringify(result.checks));
  core.setOutput('results-dir', result.resultsDir);
  core.setOutput('record', JSON.stringify(record));
  const error = result.error?.message.split('\n')[0];
  await core.summary
    .addRaw(
      renderVerdictMarkdown(
        outcome.image!,
        outcome.recordFrom,
        record,
        outcome.plan.steps.map((s) => s.name),
        result.checks,
        error,
      ),
    )
    .write();
  const b = await publishBadge(context, badge, record.project, {
    kind: 'verify',
    checks: result.checks,
    metrics: result.metrics ?? {},
    date: new Date(),
    failed: !!result.error,
  });
  await reportBadge(b);
  if (result.error) throw result.error;
  if (!result.ok)
    core.setFailed(
      `${inputs.verifyImage} no longer reproduces: ${result.checks.filter((c) => !c.ok).length} check(s) fail against its record.`,
    );
}

/** The last path segment of the repository: `ghcr.io/o/mnist:main` → `mnist`. */
export function imageName(ref: string): string {
  try {
    return parseImageRef(ref).repository.split('/').pop()!;
  } catch {
    return 'repro-ci';
  }
}

export async function reportBadge(b: Awaited<ReturnType<typeof publishBadge>>): Promise<void> {
  core.setOutput('badge', b.message ?? '');
  if (b.failed) core.warning(b.failed);
  if (b.skipped) core.info(`badge not updated: ${b.skipped}`);
  if (b.message) core.info(`badge: ${b.message}`);
  if (b.snippet) await core.summary.addRaw(`\nBadge for the README:\n\n\`\`\`markdown\n${b.snippet}\n\`\`\`\n`).write();
}
