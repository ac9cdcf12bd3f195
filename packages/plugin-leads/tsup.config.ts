import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', server: 'src/server/index.ts', schema: 'src/schema.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  splitting: true,
  external: [/^@comptoir\//, /^drizzle-orm/, 'hono', 'solid-js'],
})
