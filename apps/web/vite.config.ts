import { fileURLToPath } from 'node:url'
import { comptoirPlugins } from '@comptoir/core/vite'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { installedPlugins } from '../server/src/comptoir.config'

const api = process.env.COMPTOIR_API_URL ?? 'http://127.0.0.1:3000'
/** The same plugins as the server: its configuration, or COMPTOIR_PLUGINS (package names or folders). */
const plugins = process.env.COMPTOIR_PLUGINS
  ? process.env.COMPTOIR_PLUGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : installedPlugins
const serverDir = fileURLToPath(new URL('../server', import.meta.url))

export default defineConfig({
  plugins: [solid(), comptoirPlugins({ plugins, root: serverDir })],
  server: {
    port: 5173,
    proxy: { '/api': api, '/health': api },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
})
