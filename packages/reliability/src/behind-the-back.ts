/**
 * Direct access to a server's own database, as its owner, for what the API cannot show: the outbox, job
 * leases. The embedded database is a single session, so it is opened only while the server is stopped.
 * @module
 */
import { join } from 'node:path'
import { createPgliteDatabase, createPostgresDatabase, type Queryable } from '@comptoir/core/server'
import type { ServerProcess } from './server-process'

export async function behindTheBack<T>(server: ServerProcess, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (server.databaseUrl) {
    const db = createPostgresDatabase({ url: server.databaseUrl, max: 1 })
    try {
      return await db.system(fn)
    } finally {
      await db.close()
    }
  }
  const c = server.child()
  if (c && c.exitCode === null && c.signalCode === null)
    throw new Error('Stop the server before opening its embedded database')
  const db = await createPgliteDatabase({ dataDir: join(server.dataDir, 'db') })
  try {
    return await db.system(fn)
  } finally {
    await db.close()
  }
}
