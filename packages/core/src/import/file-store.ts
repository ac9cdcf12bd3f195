/**
 * Where an uploaded file waits for its import job. A small file rides in the job's payload. A large one is
 * cut into 1 MiB chunks stored as `core_file` rows, written in the same transaction as the job: the job
 * exists only if the whole file was stored, any server of the cluster can run it (a temporary file would
 * tie it to one disk), it survives a restart so an interrupted import resumes, and tenant isolation
 * applies to it as to every tenant row. Reading takes one chunk at a time, so memory stays constant.
 * @module
 */
import { createHash } from 'node:crypto'
import type { Queryable } from '../db/database'
import { uuidv7 } from '../db/uuid'
import { ComptoirError } from '../errors'
import type { Core } from '../server/core'

export const INLINE_LIMIT = 256 * 1024
export const CHUNK_SIZE = 1024 * 1024

export interface StoredFile {
  /** The whole file, base64, when it is small. */
  inline?: string
  /** `core_file` ids of the chunks, in order. */
  chunks?: string[]
  bytes: number
}

/** Collects an upload; call `write` with each piece and `finish` at the end. */
export class FileWriter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private readonly chunks: string[] = []
  private bytes = 0

  constructor(
    private readonly tx: Queryable,
    private readonly tenantId: string,
    private readonly userId: string | null,
    private readonly name: string,
  ) {}

  get size(): number {
    return this.bytes
  }

  async write(piece: Uint8Array): Promise<void> {
    this.pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength))
    this.pendingBytes += piece.byteLength
    this.bytes += piece.byteLength
    while (this.pendingBytes >= CHUNK_SIZE) {
      const all = Buffer.concat(this.pending)
      await this.store(all.subarray(0, CHUNK_SIZE))
      this.pending = [all.subarray(CHUNK_SIZE)]
      this.pendingBytes = all.length - CHUNK_SIZE
    }
  }

  async finish(): Promise<StoredFile> {
    const rest = Buffer.concat(this.pending)
    this.pending = []
    if (!this.chunks.length && rest.length <= INLINE_LIMIT)
      return { inline: rest.toString('base64'), bytes: this.bytes }
    if (rest.length) await this.store(rest)
    return { chunks: this.chunks, bytes: this.bytes }
  }

  private async store(content: Buffer): Promise<void> {
    const id = uuidv7()
    await this.tx.query(
      `INSERT INTO core_file (tenant_id, id, name, mime, size, sha256, content, created_by)
       VALUES ($1, $2, $3, 'text/csv', $4, $5, $6, $7)`,
      [
        this.tenantId,
        id,
        `${this.name}.part${this.chunks.length + 1}`,
        content.length,
        createHash('sha256').update(content).digest('hex'),
        Buffer.from(content),
        this.userId,
      ],
    )
    this.chunks.push(id)
  }
}

/** Reads one chunk by id. */
export type ChunkReader = (id: string) => Promise<Uint8Array>

/** Chunks read in short tenant transactions of their own (the import job). */
export function chunkReader(core: Core, tenantId: string): ChunkReader {
  return (id) => core.db.tenant(tenantId, (tx) => readChunk(tx, tenantId, id))
}

/** Chunks read in the caller's transaction (the request that has just stored them). */
export function txChunkReader(tx: Queryable, tenantId: string): ChunkReader {
  return (id) => readChunk(tx, tenantId, id)
}

async function readChunk(tx: Queryable, tenantId: string, id: string): Promise<Uint8Array> {
  const [row] = await tx.query<{ content: Uint8Array }>(
    'SELECT content FROM core_file WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  )
  if (!row) throw new ComptoirError(500, 'internal', `Import file chunk ${id} is missing`)
  return row.content
}

/** The stored bytes, one chunk at a time. */
export async function* readStoredFile(file: StoredFile, read: ChunkReader): AsyncGenerator<Uint8Array> {
  if (file.inline !== undefined) {
    yield Buffer.from(file.inline, 'base64')
    return
  }
  for (const id of file.chunks ?? []) yield await read(id)
}

export async function deleteStoredFile(tx: Queryable, tenantId: string, file: StoredFile): Promise<void> {
  if (file.chunks?.length) {
    await tx.query('DELETE FROM core_file WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [
      tenantId,
      file.chunks,
    ])
  }
}
