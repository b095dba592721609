/**
 * The learner build: `CALX_LEARNER_BUILD=1 npm run build` leaves every instructor page out (their
 * getStaticPaths return nothing) and hides the links to them. Read at build time only.
 */
export function isLearnerBuild(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.CALX_LEARNER_BUILD;
  return v === '1' || v === 'true' || v === 'yes';
}
