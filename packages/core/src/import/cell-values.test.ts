import { describe, expect, it } from 'vitest'
import { fold, parseBoolean, parseDate, parseDateTime, parseNumber, unescapeCell } from './cell-values'

describe('cells', () => {
  it('reads numbers in French and English notation', () => {
    expect(parseNumber('1 234,56 €', ',')).toBe('1234.56')
    expect(parseNumber('1\u00a0234,5', ',')).toBe('1234.5')
    expect(parseNumber('1.234.567', ',')).toBe('1234567')
    expect(parseNumber('-12,5 %', ',')).toBe('-12.5')
    expect(parseNumber('1,234.50', '.')).toBe('1234.50')
    expect(parseNumber('3.5', '.')).toBe('3.5')
    expect(parseNumber('douze', ',')).toBeNull()
  })

  it('reads dates day first, month first or ISO, and refuses dates that do not exist', () => {
    expect(parseDate('03/02/1985', 'dmy')).toBe('1985-02-03')
    expect(parseDate('3.2.1985', 'dmy')).toBe('1985-02-03')
    expect(parseDate('12/31/1999', 'mdy')).toBe('1999-12-31')
    expect(parseDate('1999-12-31', 'dmy')).toBe('1999-12-31')
    expect(parseDate('03/02/1985 00:00', 'dmy')).toBe('1985-02-03')
    expect(parseDate('31/02/2000', 'dmy')).toBeNull()
    expect(parseDate('03/02/85', 'dmy')).toBeNull()
    expect(parseDate('03/02/1985', 'ymd')).toBeNull()
  })

  it('reads local date-times as Paris time, summer and winter', () => {
    expect(parseDateTime('27/11/2026 14:30', 'dmy')).toBe('2026-11-27T13:30:00.000Z')
    expect(parseDateTime('01/07/2026 14:30:15', 'dmy')).toBe('2026-07-01T12:30:15.000Z')
    expect(parseDateTime('2026-07-01T12:30:15Z', 'dmy')).toBe('2026-07-01T12:30:15.000Z')
    expect(parseDateTime('2026-07-01 14:30', 'dmy')).toBe('2026-07-01T12:30:00.000Z')
  })

  it('reads yes and no in French and English', () => {
    expect(['Oui', 'VRAI', 'yes', '1', 'x'].map(parseBoolean)).toEqual([true, true, true, true, true])
    expect(['Non', 'faux', 'No', '0'].map(parseBoolean)).toEqual([false, false, false, false])
    expect(parseBoolean('peut-être')).toBeNull()
  })

  it('removes only the apostrophe export puts before formulas', () => {
    expect(unescapeCell("'=SUM(A1)")).toBe('=SUM(A1)')
    expect(unescapeCell("'+33 1 23")).toBe('+33 1 23')
    expect(unescapeCell("''=x")).toBe("'=x")
    expect(unescapeCell("'Tis")).toBe("'Tis")
  })

  it('folds case, accents and punctuation for matching headers', () => {
    expect(fold('Société (id)')).toBe('societeid')
    expect(fold('company.id')).toBe('companyid')
    expect(fold('E-mail')).toBe('email')
  })
})
