/**
 * Text written straight into UTF-8 bytes, for the chunks of an export: each cell is copied once into a
 * growing buffer, instead of being joined into lines and pages of strings that are then encoded. That
 * halves the garbage a page leaves, which is what keeps the server's memory flat through long exports.
 * @module
 */

export class ByteSink {
  private buffer: Buffer
  private length = 0

  constructor(capacity = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(capacity)
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.length + text.length * 3 > this.buffer.length) this.grow(text.length * 3)
    this.length += this.buffer.write(text, this.length)
  }

  /** Bytes `start` to `end` of `bytes`, copied as they are. */
  append(bytes: Uint8Array, start: number, end: number): void {
    if (this.length + end - start > this.buffer.length) this.grow(end - start)
    this.buffer.set(bytes.subarray(start, end), this.length)
    this.length += end - start
  }

  /** The bytes written; the sink is not to be written to after. */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }

  private grow(needed: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + needed))
    this.buffer.copy(next, 0, 0, this.length)
    this.buffer = next
  }
}

/**
 * Bytes gathered in chunks of 64 kB, for pages written by PostgreSQL: no buffer the size of a page, and
 * none copied to grow. Buffers of a page's size (megabytes), freed only when V8 counts enough of them,
 * kept the server's memory climbing through long exports; chunks this size are reused by the allocator.
 */
export class ByteChunks {
  private readonly full: Uint8Array[] = []
  private chunk = Buffer.allocUnsafe(CHUNK)
  private length = 0

  /** Bytes `start` to `end` of `bytes`, copied as they are. */
  append(bytes: Uint8Array, start: number, end: number): void {
    while (start < end) {
      if (this.length === CHUNK) {
        this.full.push(this.chunk)
        this.chunk = Buffer.allocUnsafe(CHUNK)
        this.length = 0
      }
      const n = Math.min(end - start, CHUNK - this.length)
      this.chunk.set(bytes.subarray(start, start + n), this.length)
      this.length += n
      start += n
    }
  }

  /** The bytes written, in order; nothing is to be written after. */
  chunks(): Uint8Array[] {
    return this.length ? [...this.full, this.chunk.subarray(0, this.length)] : this.full
  }
}

const CHUNK = 64 * 1024
