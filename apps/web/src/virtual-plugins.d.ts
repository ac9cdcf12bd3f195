declare module 'virtual:comptoir/plugins' {
  import type { PluginLoaders } from '@comptoir/core/web'

  const plugins: PluginLoaders
  export { plugins }
  export default plugins
}
