/**
 * Validation from field metadata, shared by the server (authoritative) and the web forms (immediate
 * feedback). Returns normalised values in the API's JSON shape and every error with its field path.
 * @module
 */
import type { FieldError } from '../errors'
import { ADDRESS_PARTS, type FieldDef } from './fields'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID_RE.test(v)
}

function validDate(s: string): boolean {
  const m = DATE_RE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  )
}

function hasControlChars(s: string): boolean {
  // NUL and other C0 controls except tab, newline and carriage return.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return true
  }
  return false
}

export interface ValidateOptions {
  /** Update: only the given keys are checked, and `required` applies only to keys set to empty. */
  partial?: boolean
}

export interface ValidateResult {
  values: Record<string, unknown>
  errors: FieldError[]
}

function empty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
}

/** Normalises one value; returns an error code when invalid. */
export function normalizeValue(
  field: FieldDef,
  raw: unknown,
): { value?: unknown; error?: string; params?: Record<string, unknown> } {
  // An empty checkbox is unchecked (boolean columns of entities are NOT NULL).
  if (empty(raw))
    return {
      value:
        field.type === 'multiSelect' ? [] : field.type === 'boolean' && field.default !== null ? false : null,
    }
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: 'type_string' }
      let s = String(raw)
      if (hasControlChars(s)) return { error: 'control_characters' }
      s = field.type === 'longText' ? s.replace(/\s+$/, '') : s.trim()
      if (field.transform === 'upper') s = s.toUpperCase()
      if (field.transform === 'lower') s = s.toLowerCase()
      if (field.transform === 'digits') s = s.replace(/[\s.-]/g, '')
      if (s === '') return { value: null }
      if (s.length > field.maxLength) return { error: 'too_long', params: { max: field.maxLength } }
      if (field.type === 'email') {
        s = s.toLowerCase()
        if (!EMAIL_RE.test(s)) return { error: 'invalid_email' }
      }
      if (field.type === 'phone' && !/^\+?[0-9 ().\-/]{4,}$/.test(s)) return { error: 'invalid_phone' }
      if (field.type === 'phone' && s.replace(/\D/g, '').length < 4) return { error: 'invalid_phone' }
      if (field.type === 'url') {
        try {
          const u = new URL(/^[a-z]+:\/\//i.test(s) ? s : `https://${s}`)
          if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: 'invalid_url' }
          s = /^[a-z]+:\/\//i.test(s) ? s : `https://${s}`
        } catch {
          return { error: 'invalid_url' }
        }
      }
      if (field.pattern && !new RegExp(field.pattern).test(s)) return { error: 'invalid_format' }
      return { value: s }
    }
    case 'integer':
    case 'decimal':
    case 'money':
    case 'percent':
    case 'computed': {
      let s: string
      if (typeof raw === 'number') {
        if (!Number.isFinite(raw)) return { error: 'type_number' }
        s = String(raw)
      } else if (typeof raw === 'string') s = raw.trim().replace(/\s/g, '').replace(',', '.')
      else return { error: 'type_number' }
      if (field.type === 'computed') return { value: s }
      if (field.type === 'integer') {
        if (!/^-?\d{1,10}$/.test(s) || Math.abs(Number(s)) > 2_147_483_647) return { error: 'type_integer' }
      } else {
        const intDigits = field.precision - field.scale
        const re = new RegExp(`^-?\\d{1,${intDigits}}(\\.\\d{1,${field.scale}})?$`)
        if (!/^-?\d+(\.\d+)?$/.test(s)) return { error: 'type_number' }
        if (!re.test(s)) return { error: 'number_out_of_range', params: { scale: field.scale } }
      }
      const n = Number(s)
      if (field.min !== undefined && n < field.min) return { error: 'too_small', params: { min: field.min } }
      if (field.max !== undefined && n > field.max) return { error: 'too_large', params: { max: field.max } }
      return { value: field.type === 'integer' ? n : s }
    }
    case 'date':
      if (typeof raw !== 'string' || !validDate(raw)) return { error: 'invalid_date' }
      return { value: raw }
    case 'datetime': {
      if (
        typeof raw !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(raw)
      )
        return { error: 'invalid_datetime' }
      const d = new Date(raw)
      if (Number.isNaN(d.getTime())) return { error: 'invalid_datetime' }
      return { value: d.toISOString() }
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { value: raw }
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' }
      return { error: 'type_boolean' }
    case 'select':
      if (typeof raw !== 'string' || !field.options.includes(raw))
        return { error: 'invalid_option', params: { options: field.options } }
      return { value: raw }
    case 'multiSelect': {
      const arr =
        typeof raw === 'string'
          ? raw
              .split(/[;,]/)
              .map((x) => x.trim())
              .filter(Boolean)
          : raw
      if (!Array.isArray(arr) || arr.length > field.options.length) return { error: 'invalid_option' }
      if (arr.some((x) => typeof x !== 'string' || !field.options.includes(x)))
        return { error: 'invalid_option', params: { options: field.options } }
      return { value: [...new Set(arr as string[])] }
    }
    case 'belongsTo':
    case 'user':
    case 'file': {
      const id =
        typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { id?: unknown }).id : raw
      if (!isUuid(id)) return { error: 'invalid_reference' }
      return { value: id.toLowerCase() }
    }
    case 'parent': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'invalid_reference' }
      const { entity, id } = raw as { entity?: unknown; id?: unknown }
      if (typeof entity !== 'string' || !/^[a-z][a-z0-9-]*\.[a-zA-Z0-9]+$/.test(entity) || !isUuid(id))
        return { error: 'invalid_reference' }
      if (field.targets.length && !field.targets.includes(entity)) return { error: 'invalid_reference' }
      return { value: { entity, id: id.toLowerCase() } }
    }
    case 'address': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'type_address' }
      const out: Record<string, string | null> = {}
      for (const [k, v] of Object.entries(raw)) {
        if (!(ADDRESS_PARTS as readonly string[]).includes(k))
          return { error: 'unknown_address_part', params: { part: k } }
        if (v !== null && v !== undefined && typeof v !== 'string')
          return { error: 'type_string', params: { part: k } }
        if (typeof v === 'string' && (v.length > 500 || hasControlChars(v)))
          return { error: 'too_long', params: { part: k, max: 500 } }
        out[k] = typeof v === 'string' && v.trim() ? v.trim() : null
      }
      return { value: out }
    }
  }
}

/**
 * Validates `data` against `fields`. Unknown keys are reported (code `unknown_field`) unless listed in `allowExtra`.
 */
export function validateRecord(
  fields: Record<string, FieldDef>,
  data: Record<string, unknown>,
  opts: ValidateOptions & { allowExtra?: readonly string[]; prefix?: string } = {},
): ValidateResult {
  const errors: FieldError[] = []
  const values: Record<string, unknown> = {}
  const prefix = opts.prefix ?? ''
  for (const key of Object.keys(data)) {
    // Own keys only: `constructor` or `__proto__` in a body must not match Object.prototype.
    if (!Object.hasOwn(fields, key) && !opts.allowExtra?.includes(key))
      errors.push({ path: prefix + key, code: 'unknown_field' })
  }
  for (const [name, field] of Object.entries(fields)) {
    const present = Object.hasOwn(data, name)
    if (opts.partial && !present) continue
    // Computed values are derived by the database; a client echoing one back is ignored.
    if (field.type === 'computed') continue
    const raw = present ? data[name] : field.default
    const r = normalizeValue(field, raw)
    if (r.error) {
      errors.push({ path: prefix + name, code: r.error, ...(r.params ? { params: r.params } : {}) })
      continue
    }
    const missing =
      r.value === null ||
      (Array.isArray(r.value) && r.value.length === 0 && field.type !== 'multiSelect') ||
      (field.type === 'address' && Object.values(r.value as object).every((x) => x === null))
    if (field.required && missing) {
      errors.push({ path: prefix + name, code: 'required' })
      continue
    }
    if (!missing && field.validate) {
      const code = field.validate(r.value)
      if (code) {
        errors.push({ path: prefix + name, code })
        continue
      }
    }
    values[name] = r.value
  }
  return { values, errors }
}
