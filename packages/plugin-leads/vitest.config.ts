import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/web/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'web',
          environment: 'happy-dom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
          // Solid libraries ship JSX sources for the `solid` condition: compile them instead of loading them.
          server: {
            deps: { inline: [/lucide-solid/, /@kobalte/, /@solid-primitives/, /@corvu/, /@solidjs/] },
          },
        },
      },
    ],
  },
})
