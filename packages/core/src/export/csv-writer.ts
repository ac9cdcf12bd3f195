/**
 * Writing CSV: the two flavours (French Excel: `;`, decimal comma, `dd/mm/yyyy`, UTF-8 BOM so Excel reads
 * accents; RFC 4180: `,`, decimal point, ISO dates), quoting, CRLF line ends, and protection against
 * formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading apostrophe, so a spreadsheet shows it instead of running it (import removes it again).
 * @module
 */

export type ExportFormat = 'excel' | 'csv'

export interface CsvFlavour {
  delimiter: string
  decimal: ',' | '.'
  bom: boolean
  /** Local dates and times (`27/11/2026`, Paris time) or ISO 8601. */
  localDates: boolean
  /** Select options by their label in the user's language, or by their code. */
  labels: boolean
}

export const FLAVOURS: Record<ExportFormat, CsvFlavour> = {
  excel: { delimiter: ';', decimal: ',', bom: true, localDates: true, labels: true },
  csv: { delimiter: ',', decimal: '.', bom: false, localDates: false, labels: false },
}

const DANGEROUS = /^[=+\-@\t\r]|^'[=+\-@\t\r']/

/** A text value made safe to open in a spreadsheet. */
export function protect(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text
}

/** The quoting of one flavour, compiled once: a cell with a quote, the delimiter or a line break is quoted. */
export function quoter(delimiter: string): (cell: string) => string {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`)
  return function quote(cell) {
    return special.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
  }
}

/** One record as a CSV line, CRLF-terminated. */
export function csvLine(cells: string[], delimiter: string): string {
  const quote = quoter(delimiter)
  return `${cells.map(quote).join(delimiter)}\r\n`
}
