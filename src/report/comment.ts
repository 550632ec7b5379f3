/**
 * The sticky pull request comment: the Markdown report behind a hidden marker, so the next run finds
 * its own comment and updates it instead of adding another. Pure.
 */
import type { PipelineResult } from '../pipeline/result.js';
import { renderMarkdownReport } from './markdown.js';

/** GitHub refuses comment bodies over 65536 characters. */
export const MAX_COMMENT = 65_536;

/** One marker per project, so two repro.yml files in a repository keep a comment each. */
export function commentMarker(project: string): string {
  return `<!-- repro-ci:report project=${project.replace(/-->/g, '')} -->`;
}

export function renderComment(result: PipelineResult, project: string, runUrl?: string): string {
  const marker = commentMarker(project);
  const footer = runUrl ? `\n[Workflow run](${runUrl}) · updated for each push.` : '';
  let report = renderMarkdownReport(result);
  const room = MAX_COMMENT - marker.length - footer.length - 200;
  if (report.length > room) report = `${report.slice(0, room)}\n\n… (cut: the full report is in the job summary)`;
  return `${marker}\n${report}${footer}`;
}
