/** The drizzle-kit folder, one level up from `src/` and from `dist/` alike. */
export const migrations = new URL('../drizzle', import.meta.url)
