/**
 * Kills the server with SIGKILL while a request is being served. On PostgreSQL the kill waits until the
 * server's transaction is seen running a statement of the operation (`pg_stat_activity`), so it lands
 * inside the transaction; on the embedded database, which shows nothing from outside, it lands after a
 * delay chosen shorter than the operation.
 * @module
 */
import postgres from 'postgres'
import type { ServerProcess } from './server-process'

export interface Midway {
  /** Whether the answer arrived before the kill (then the operation must be whole). */
  answered: boolean
  status?: number
  /** Whether the kill was seen to land inside the operation's transaction (PostgreSQL only). */
  inside: boolean
}

export async function killMidway(
  server: ServerProcess,
  request: () => Promise<Response>,
  o: { statement: RegExp; delayMs: number },
): Promise<Midway> {
  let answered = false
  let status: number | undefined
  const pending = request().then(
    (r) => {
      answered = true
      status = r.status
    },
    () => {},
  )
  let inside = false
  if (server.databaseUrl) {
    const sql = postgres(server.databaseUrl, { max: 1, onnotice: () => {} })
    const db = new URL(server.databaseUrl).pathname.slice(1)
    const deadline = Date.now() + 30_000
    while (!answered && Date.now() < deadline) {
      const rows =
        await sql`SELECT query FROM pg_stat_activity WHERE datname = ${db} AND application_name = 'comptoir' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`
      if (rows.some((r) => o.statement.test(r.query))) {
        inside = true
        break
      }
    }
    await sql.end()
  } else await new Promise((r) => setTimeout(r, o.delayMs))
  await server.kill('SIGKILL')
  await pending
  return { answered, status, inside: inside && !answered }
}
