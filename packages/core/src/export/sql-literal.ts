/**
 * Values written into SQL text, for the one statement that cannot take parameters: `COPY (query) TO
 * STDOUT`. A value becomes a literal of the same meaning as the parameter it replaces — strings and
 * numbers as untyped string literals, whose type the server infers from where they stand as it does for
 * a parameter sent untyped; `true`, `false`, `NULL`; arrays in the array input syntax — and anything else
 * is refused, so that a filter or cursor value can only ever be data.
 * @module
 */

/** A string as a literal, safe whatever `standard_conforming_strings` says. */
export function textLiteral(s: string): string {
  if (s.includes('\0')) throw new TypeError('A text value cannot hold a NUL character')
  const quoted = s.replace(/'/g, "''")
  return s.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`
}

function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v === 'string') return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`
  throw new TypeError(`No SQL literal for an array element of type ${typeof v}`)
}

/** One value as a literal. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (v === true) return 'true'
  if (v === false) return 'false'
  if (typeof v === 'string') return textLiteral(v)
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('No SQL literal for a number that is not finite')
    return `'${String(v)}'`
  }
  if (v instanceof Date) return `${textLiteral(v.toISOString())}::timestamptz`
  if (Array.isArray(v)) return textLiteral(`{${v.map(arrayElement).join(',')}}`)
  throw new TypeError(`No SQL literal for a value of type ${typeof v}`)
}

/**
 * `text` with its placeholders (`$1`, `$2`, …) replaced by the literals of `values`. Placeholders are
 * recognised outside quoted strings and identifiers only; text holding escape strings (`E'…'`, where a
 * backslash could hide a quote) is refused rather than guessed at.
 */
export function inlineParams(text: string, values: readonly unknown[]): string {
  let out = ''
  let from = 0
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === "'" || c === '"') {
      if (c === "'" && /[eE]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i - 2] ?? ''))
        throw new TypeError('Escape strings cannot be inlined')
      const end = text.indexOf(c, i + 1)
      if (end < 0) throw new TypeError('Unterminated quote in SQL text')
      i = end + 1
      continue
    }
    if (c === '$' && /[0-9]/.test(text[i + 1] ?? '') && !/[\w$]/.test(text[i - 1] ?? '')) {
      let j = i + 1
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++
      const n = Number(text.slice(i + 1, j))
      if (n < 1 || n > values.length) throw new TypeError(`No value for placeholder $${n}`)
      out += text.slice(from, i) + literal(values[n - 1])
      from = i = j
      continue
    }
    i++
  }
  return out + text.slice(from)
}
