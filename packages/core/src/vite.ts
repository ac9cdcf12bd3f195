/**
 * `@comptoir/core/vite`: the Vite plugin that provides `virtual:comptoir/plugins` to the web app.
 * @module
 */
export {
  comptoirPlugins,
  type ComptoirPluginsOptions,
  VIRTUAL_ID,
  type VitePluginLike,
} from './vite/comptoir-plugins'
