/**
 * The text a PDF reader shows, read back from the document's bytes: each page's content streams are
 * decoded, and the glyph codes of every `Tj`/`TJ` are mapped to characters through the font's
 * `ToUnicode` map (the map a reader uses to copy or search text). Enough for the documents Comptoir
 * writes (embedded Unicode fonts with two-byte codes, or single-byte literal strings).
 * @module
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib'

type Cmap = Map<number, string>

function bytesOf(doc: PDFDocument, obj: PDFObject | undefined): string {
  const o = obj instanceof PDFRef ? doc.context.lookup(obj) : obj
  if (o instanceof PDFRawStream) return Buffer.from(decodePDFRawStream(o).decode()).toString('latin1')
  if (o instanceof PDFArray)
    return o
      .asArray()
      .map((x) => bytesOf(doc, x))
      .join('\n')
  return ''
}

function hexToText(hex: string): string {
  let out = ''
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16))
  return out
}

/** `<0012> <0041>` pairs and `<lo> <hi> <start>` ranges of a ToUnicode CMap. */
function parseCmap(text: string): Cmap {
  const map: Cmap = new Map()
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(Number.parseInt(m[1], 16), hexToText(m[2]))
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const lo = Number.parseInt(m[1], 16)
      const start = Number.parseInt(m[3], 16)
      for (let c = lo; c <= Number.parseInt(m[2], 16); c++) map.set(c, String.fromCharCode(start + c - lo))
    }
  return map
}

function fontMaps(doc: PDFDocument, resources: PDFDict | undefined): Map<string, Cmap | null> {
  const out = new Map<string, Cmap | null>()
  const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict)
  if (!fonts) return out
  for (const [name, ref] of fonts.entries()) {
    const font = doc.context.lookup(ref)
    const toUnicode = font instanceof PDFDict ? font.get(PDFName.of('ToUnicode')) : undefined
    out.set(name.asString().replace(/^\//, ''), toUnicode ? parseCmap(bytesOf(doc, toUnicode)) : null)
  }
  return out
}

function literal(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /^[0-7]/.test(e)
      ? String.fromCharCode(Number.parseInt(e, 8))
      : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e),
  )
}

/** The shown strings of a content stream, one line per text-showing operator. */
function showText(content: string, maps: Map<string, Cmap | null>): string[] {
  const lines: string[] = []
  let cmap: Cmap | null = null
  const decode = (hex: string) => {
    if (!cmap) return hexToText(hex)
    let out = ''
    for (let i = 0; i + 4 <= hex.length; i += 4)
      out += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD'
    return out
  }
  const token =
    /\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g
  for (const m of content.matchAll(token)) {
    if (m[1] !== undefined) cmap = maps.get(m[1]) ?? null
    else if (m[2] !== undefined) {
      let line = ''
      for (const part of m[2].matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g))
        line += part[1] !== undefined ? decode(part[1].replace(/\s/g, '')) : literal(part[2])
      lines.push(line)
    } else if (m[3] !== undefined) lines.push(decode(m[3].replace(/\s/g, '')))
    else lines.push(literal(m[4]))
  }
  return lines
}

/** Every page's shown text, one line per string drawn. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes)
  const out: string[] = []
  for (const page of doc.getPages()) {
    const maps = fontMaps(doc, page.node.Resources())
    out.push(...showText(bytesOf(doc, page.node.get(PDFName.of('Contents'))), maps))
  }
  return out.join('\n')
}
