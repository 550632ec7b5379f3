/** Replaced at bundle time by scripts/build.mjs with the version in package.json. */
declare const __REPRO_CI_VERSION__: string | undefined;
export const VERSION: string = typeof __REPRO_CI_VERSION__ === 'string' ? __REPRO_CI_VERSION__ : '0.0.0-dev';
