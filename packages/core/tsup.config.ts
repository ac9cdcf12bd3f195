import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    schema: 'src/schema.ts',
    server: 'src/server.ts',
    testing: 'src/testing.ts',
    vite: 'src/vite.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  splitting: true,
  external: ['vite', 'solid-js', 'vitest'],
})
