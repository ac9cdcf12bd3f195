/**
 * Sizes of the runs: the short form CI runs inside `npm test`, and the full form of
 * `pnpm --filter @comptoir/reliability run long` (`COMPTOIR_RELIABILITY_LONG=1`).
 * @module
 */
export const LONG = process.env.COMPTOIR_RELIABILITY_LONG === '1'

/** `ci` in the normal run, `long` in the long one. */
export function size<T>(ci: T, long: T): T {
  return LONG ? long : ci
}

/** The PostgreSQL server of the database suites, when CI or a developer gives one. */
export const POSTGRES_URL = process.env.COMPTOIR_TEST_DATABASE_URL
