import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The example plugins' own tests run here too: they live in docs/plugins/examples/<name>/test.
    dir: '../..',
    include: ['packages/plugin-kit-tests/test/**/*.test.ts', 'docs/plugins/examples/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['./src/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
