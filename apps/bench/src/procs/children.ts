/**
 * What the bench starts is stopped with it: its processes on a normal exit, on an uncaught error and on
 * SIGINT or SIGTERM, whatever measure was running; on a signal, also what registered a cleanup (the
 * databases and data directories it created), within a few seconds.
 * @module
 */
import type { ChildProcess } from 'node:child_process'

const running = new Set<ChildProcess>()
const cleanups = new Set<() => Promise<void>>()
let installed = false

function killAll(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
}

function install(): void {
  if (installed) return
  installed = true
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Stop the children, clean up, then let the signal do what it would have done without this handler.
    process.once(signal, () => {
      killAll()
      const timeout = new Promise((r) => setTimeout(r, 10_000).unref())
      void Promise.race([Promise.allSettled([...cleanups].map((fn) => fn())), timeout]).then(() =>
        process.kill(process.pid, signal),
      )
    })
  }
}

/** Tracks `child` until it exits. */
export function track(child: ChildProcess): ChildProcess {
  install()
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

/** Runs `fn` if the bench is stopped by a signal before `release()` is called. */
export function onSignalCleanup(fn: () => Promise<void>): { release(): void } {
  install()
  cleanups.add(fn)
  return { release: () => void cleanups.delete(fn) }
}
