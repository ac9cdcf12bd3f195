/**
 * `@comptoir/core/vite`: the Vite plugin that turns the installed plugins into `virtual:comptoir/plugins`.
 * @module
 */
export { comptoirPlugins } from './vite/comptoir-plugins'
