import { describe, expect, it } from 'vitest'
import {
  bomEncoding,
  chooseEncoding,
  detectDateOrder,
  detectDecimal,
  detectDelimiter,
  Utf8Check,
} from './sniff'

describe('sniffing', () => {
  it('finds the delimiter on the header line, ignoring quoted text', () => {
    expect(detectDelimiter('Nom;Prénom;"E-mail, pro"\n1,2,3,4,5')).toBe(';')
    expect(detectDelimiter('a,b,c\n')).toBe(',')
    expect(detectDelimiter('a\tb\tc')).toBe('\t')
    expect(detectDelimiter('single')).toBe(',')
  })

  it('tells UTF-8 from Windows-1252, across chunk boundaries', () => {
    const utf8 = new TextEncoder().encode('Élodie Œuvre')
    const check = new Utf8Check()
    check.push(utf8.slice(0, 1))
    check.push(utf8.slice(1))
    expect(check.end()).toBe(true)
    const cp1252 = new Utf8Check()
    cp1252.push(new Uint8Array([0xc9, 0x6c]))
    expect(cp1252.end()).toBe(false)
    expect(chooseEncoding(null, false)).toBe('windows-1252')
    expect(chooseEncoding(bomEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), false)).toBe('utf-8')
    expect(bomEncoding(new Uint8Array([0xff, 0xfe]))).toBe('utf-16le')
  })

  it('guesses the order of day and month from the values', () => {
    expect(detectDateOrder(['01/02/2020', '25/12/2020'])).toBe('dmy')
    expect(detectDateOrder(['01/02/2020', '12/25/2020'])).toBe('mdy')
    expect(detectDateOrder(['01/02/2020'])).toBe('dmy')
  })

  it('guesses the decimal separator from the values, else from the delimiter', () => {
    expect(detectDecimal(['12,5', '3,75'], ',')).toBe(',')
    expect(detectDecimal(['12.5'], ';')).toBe('.')
    expect(detectDecimal(['12'], ';')).toBe(',')
    expect(detectDecimal(['12'], ',')).toBe('.')
  })
})
