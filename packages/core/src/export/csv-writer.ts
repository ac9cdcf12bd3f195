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

function quote(cell: string, delimiter: string): string {
  if (cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')) {
    return `"${cell.replace(/"/g, '""')}"`
  }
  return cell
}

/** One record as a CSV line, CRLF-terminated. */
export function csvLine(cells: string[], delimiter: string): string {
  return `${cells.map((c) => quote(c, delimiter)).join(delimiter)}\r\n`
}
