import { defineConfig } from 'vitest/config'

/** The long form (`run long`) runs for minutes per test: a ten-minute load, 5,000 cases per endpoint. */
const long = process.env.COMPTOIR_RELIABILITY_LONG === '1'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: long ? 3_600_000 : 120_000,
    hookTimeout: long ? 900_000 : 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
})
