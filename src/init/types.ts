/** What `repro-ci init` plans, before it is written (src/init/plan.ts makes it, src/init/render.ts writes it). */
import type { ImageFacts } from './image.js';

export type Role = 'train' | 'evaluate';

/** What a step runs: a Python script (host path) and how the image names it. */
export interface RunTarget {
  script: string;
  /** `python -m` module name, when run as one. */
  module?: string;
  python: string;
}

export interface ImagePlan {
  key: string;
  facts: ImageFacts;
  /** The host script its default command runs, when it runs one. */
  runs?: RunTarget;
  role?: Role;
  /** Why it is not built: a server, a cloud variant, an alternative to a chosen image, unused. */
  left?: string;
  /** Why no step runs it, for an image built only to be pushed (a config without steps). */
  noStep?: string;
  /** Left out as a variant (CPU over GPU, plainer name) of an image the steps use. */
  alternative?: boolean;
}

export interface MountPlan {
  host: string;
  container: string;
  readOnly: boolean;
  why: string;
}

export interface EnvPlan {
  name: string;
  value?: string;
  why: string;
}

export interface StepPlan {
  name: string;
  image: string;
  /** Words replacing the image's entry point, in container paths; none: the image's own command. */
  command?: string[];
  why: string;
  script?: string;
  env: EnvPlan[];
  /** Variables the code reads with a default of its own: left alone. */
  defaults: string[];
  mounts: MountPlan[];
  /** Files it writes into its mounts: host path (relative to repro.yml) and `file:line` of the write. */
  writes: { host: string; source: string }[];
  gpu?: string;
  comments: string[];
}

export interface CheckPlan {
  metric: string;
  rule: string;
  comment: string;
}
