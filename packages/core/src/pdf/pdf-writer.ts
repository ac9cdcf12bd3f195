/**
 * A small page writer over pdf-lib for document templates: A4 pages, the embedded Unicode font, wrapped
 * text, key–value blocks and tables that continue on new pages, with a footer on every page.
 * @module
 */
import type fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib'
import { fontBytes } from './fonts'

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 48

interface PdfLib {
  PDFDocument: typeof PDFDocument
  rgb: typeof rgb
  fontkit: typeof fontkit
}

let pdfLib: Promise<PdfLib> | undefined

/**
 * pdf-lib and fontkit, loaded with the first document: together they take about a second and 33 MB,
 * which a server should not pay at start for PDFs nobody has asked for yet.
 */
function loadPdfLib(): Promise<PdfLib> {
  pdfLib ??= Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')]).then(
    ([{ PDFDocument, rgb }, { default: fontkit }]) => ({ PDFDocument, rgb, fontkit }),
  )
  return pdfLib
}

export interface TableColumn {
  label: string
  width: number
  align?: 'left' | 'right'
}

export class PdfWriter {
  private page!: PDFPage
  private y = 0
  private constructor(
    private readonly lib: PdfLib,
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    private readonly footer: string,
  ) {}

  static async create(o: { title: string; author?: string; footer?: string }): Promise<PdfWriter> {
    const lib = await loadPdfLib()
    const doc = await lib.PDFDocument.create()
    doc.registerFontkit(lib.fontkit)
    const bytes = fontBytes()
    const font = await doc.embedFont(bytes.regular, { subset: true })
    const bold = await doc.embedFont(bytes.bold, { subset: true })
    doc.setTitle(o.title)
    doc.setProducer('Comptoir')
    doc.setCreator('Comptoir')
    if (o.author) doc.setAuthor(o.author)
    const w = new PdfWriter(lib, doc, font, bold, o.footer ?? '')
    w.newPage()
    return w
  }

  get width(): number {
    return A4[0] - 2 * MARGIN
  }

  newPage(): void {
    this.page = this.doc.addPage(A4)
    this.y = A4[1] - MARGIN
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN + 24) this.newPage()
  }

  /** Splits text into lines that fit `width` at `size`, keeping words whole where possible. */
  wrap(text: string, width: number, size: number, font = this.font): string[] {
    const out: string[] = []
    for (const para of text.replace(/\r/g, '').split('\n')) {
      let line = ''
      for (const word of para.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word
        if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate
        else {
          if (line) out.push(line)
          let w = word
          while (font.widthOfTextAtSize(w, size) > width && w.length > 1) {
            let cut = w.length - 1
            while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut--
            out.push(w.slice(0, cut))
            w = w.slice(cut)
          }
          line = w
        }
      }
      out.push(line)
    }
    return out
  }

  heading(text: string, size = 18): void {
    for (const line of this.wrap(text, this.width, size, this.bold)) {
      this.ensure(size + 6)
      this.page.drawText(line, {
        x: MARGIN,
        y: this.y - size,
        size,
        font: this.bold,
        color: this.lib.rgb(0.1, 0.15, 0.3),
      })
      this.y -= size + 6
    }
    this.y -= 6
  }

  text(text: string, o: { size?: number; bold?: boolean; color?: [number, number, number] } = {}): void {
    const size = o.size ?? 10
    const font = o.bold ? this.bold : this.font
    for (const line of this.wrap(text, this.width, size, font)) {
      this.ensure(size + 4)
      this.page.drawText(line, {
        x: MARGIN,
        y: this.y - size,
        size,
        font,
        color: this.lib.rgb(...(o.color ?? [0.1, 0.1, 0.1])),
      })
      this.y -= size + 4
    }
  }

  space(points = 8): void {
    this.y -= points
  }

  /** Label–value pairs in two columns. */
  fields(pairs: [string, string][], size = 10): void {
    const labelWidth = 150
    for (const [label, value] of pairs) {
      const lines = this.wrap(value || '—', this.width - labelWidth, size)
      this.ensure((size + 4) * lines.length)
      this.page.drawText(label, {
        x: MARGIN,
        y: this.y - size,
        size,
        font: this.bold,
        color: this.lib.rgb(0.35, 0.35, 0.4),
      })
      for (const line of lines) {
        this.page.drawText(line, { x: MARGIN + labelWidth, y: this.y - size, size, font: this.font })
        this.y -= size + 4
      }
      this.y -= 2
    }
  }

  /** A table whose header repeats on each new page. */
  table(columns: TableColumn[], rows: string[][], size = 9): void {
    const drawHeader = () => {
      this.ensure(size + 10)
      let x = MARGIN
      for (const c of columns) {
        const w = this.bold.widthOfTextAtSize(c.label, size)
        this.page.drawText(c.label, {
          x: c.align === 'right' ? x + c.width - w - 4 : x + 2,
          y: this.y - size,
          size,
          font: this.bold,
        })
        x += c.width
      }
      this.y -= size + 4
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: MARGIN + this.width, y: this.y },
        thickness: 0.5,
        color: this.lib.rgb(0.6, 0.6, 0.6),
      })
      this.y -= 4
    }
    drawHeader()
    for (const row of rows) {
      const cells = columns.map((c, i) => this.wrap(row[i] ?? '', c.width - 6, size))
      const height = Math.max(...cells.map((l) => l.length)) * (size + 3)
      if (this.y - height < MARGIN + 24) {
        this.newPage()
        drawHeader()
      }
      let x = MARGIN
      columns.forEach((c, i) => {
        let y = this.y
        for (const line of cells[i]) {
          const w = this.font.widthOfTextAtSize(line, size)
          this.page.drawText(line, {
            x: c.align === 'right' ? x + c.width - w - 4 : x + 2,
            y: y - size,
            size,
            font: this.font,
          })
          y -= size + 3
        }
        x += c.width
      })
      this.y -= height + 3
    }
  }

  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages()
    pages.forEach((p, i) => {
      const label = `${this.footer}${this.footer ? ' — ' : ''}${i + 1} / ${pages.length}`
      p.drawText(label, {
        x: MARGIN,
        y: MARGIN / 2,
        size: 8,
        font: this.font,
        color: this.lib.rgb(0.45, 0.45, 0.45),
      })
    })
    return this.doc.save({ useObjectStreams: false })
  }
}
