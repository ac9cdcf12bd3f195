/**
 * The plugin's drizzle-kit folder. This file sits one level below the package root, like the bundled
 * `dist/*.js` files, so the same relative URL resolves from the sources and from the build.
 */
export const migrations = new URL('../drizzle', import.meta.url)
