import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { main: 'src/main.ts', 'floor-server': 'src/floor/floor-server.ts' },
  format: ['esm'],
  target: 'node20',
  clean: true,
  dts: false,
  external: [/^@comptoir\//],
})
