import { existsSync } from 'node:fs'

/** Path of a Chromium the browser suite can drive, or undefined. */
export function findChromium() {
  const candidates = [process.env.COMPTOIR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  return candidates.find((p) => p && existsSync(p))
}
