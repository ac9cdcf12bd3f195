/**
 * Bytes → CSV records, incrementally: a streaming decoder (UTF-8 with or without BOM, Windows-1252,
 * UTF-16) feeds the streaming parser, so a file of any size is read with constant memory.
 * @module
 */
import { type CsvRecord, CsvParser } from './csv-parser'
import type { Encoding } from './sniff'

export async function* readRecords(
  bytes: AsyncIterable<Uint8Array>,
  encoding: Encoding,
  delimiter: string,
): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder(encoding)
  const parser = new CsvParser(delimiter)
  const out: CsvRecord[] = []
  for await (const b of bytes) {
    parser.push(decoder.decode(b, { stream: true }), out)
    yield* out
    out.length = 0
  }
  parser.push(decoder.decode(), out)
  parser.end(out)
  yield* out
}

/** Decodes and parses a sample held in memory (the first megabyte of an upload). */
export function sampleRecords(
  bytes: Uint8Array,
  encoding: Encoding,
  delimiter: string,
  complete: boolean,
): CsvRecord[] {
  const parser = new CsvParser(delimiter)
  const out: CsvRecord[] = []
  parser.push(new TextDecoder(encoding).decode(bytes), out)
  if (complete) parser.end(out)
  return out
}
