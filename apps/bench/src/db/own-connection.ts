/**
 * A statement on a connection of its own, closed after, bounded in time: a postgres.js connection that
 * served a `COPY … TO STDOUT` stream can leave the next COPY on it waiting forever (porsager/postgres#917).
 * @module
 */
import postgres from 'postgres'

export async function onOwnConnection<T>(
  url: string,
  seconds: number,
  fn: (sql: postgres.Sql) => Promise<T>,
): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      fn(sql),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`No answer from PostgreSQL in ${seconds} s`)),
          seconds * 1000,
        )
      }),
    ])
  } finally {
    clearTimeout(timer)
    await sql.end({ timeout: 1 })
  }
}
