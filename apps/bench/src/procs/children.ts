/**
 * The processes the bench starts are stopped with it: on a normal exit, on an uncaught error and on
 * SIGINT or SIGTERM, whatever measure was running.
 * @module
 */
import type { ChildProcess } from 'node:child_process'

const running = new Set<ChildProcess>()
let installed = false

function killAll(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
}

function install(): void {
  if (installed) return
  installed = true
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Stop the children, then let the signal do what it would have done without this handler.
    process.once(signal, () => {
      killAll()
      process.kill(process.pid, signal)
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
