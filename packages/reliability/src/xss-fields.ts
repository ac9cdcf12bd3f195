/**
 * Which fields of an entity a user can put a stored-XSS vector in, the form of the vector each field type
 * takes (a URL around it, an e-mail address made of what an address allows, every part of an address),
 * and the coverage of the corpus: for every field and vector, either the value was stored and later seen
 * rendered as text, or it was refused with a problem naming that field. Nothing may fall in between.
 * @module
 */

export interface FieldInfo {
  name: string
  type: string
  readOnly?: boolean
  origin?: string
}

/** Field types that hold text a user types, a file reference included. */
export const VECTOR_TYPES = ['text', 'longText', 'url', 'email', 'phone', 'address', 'file'] as const

const ADDRESS_PARTS = ['street', 'postalCode', 'city', 'region', 'country'] as const

/** The fields of an entity's bootstrap metadata that take a vector (custom fields included). */
export function vectorFields(fields: Record<string, FieldInfo>): FieldInfo[] {
  return Object.entries(fields)
    .filter(([, f]) => (VECTOR_TYPES as readonly string[]).includes(f.type) && !f.readOnly)
    .map(([name, f]) => ({ ...f, name }))
}

/** The value that carries `vector` in a field of `type` (files are uploaded apart, under that name). */
export function vectorValue(type: string, vector: string): unknown {
  switch (type) {
    case 'url':
      // On linkedin.com, which every URL field accepts (the LinkedIn profile field only that host).
      return `https://fr.linkedin.com/in/${vector}`
    case 'email':
      // What an address may hold of the vector: the characters the e-mail rules refuse are left out.
      return `${vector.replace(/[\s@<>()[\]\\,;:"]/g, '') || 'x'}@xss.example`
    case 'address':
      return Object.fromEntries(ADDRESS_PARTS.map((p) => [p, vector]))
    default:
      return vector
  }
}

/** The texts a rendered cell must show for a stored value. */
export function expectedTexts(type: string, stored: unknown): string[] {
  if (stored === null || stored === undefined) return []
  if (type === 'address')
    return Object.values(stored as Record<string, string | null>).filter((v): v is string => !!v)
  if (type === 'file') {
    const f = stored as { title?: string; name?: string }
    return [f.title ?? f.name ?? '']
  }
  return [String(stored)]
}

/** Per field: vectors stored, refused with the field named, and the stored cells not yet seen rendered. */
export class Coverage {
  readonly stored = new Map<string, number>()
  readonly refused = new Map<string, number>()
  /** `entity.field#record` → the texts the page must show. */
  readonly pending = new Map<string, string[]>()
  readonly unexplained: string[] = []

  private bump(map: Map<string, number>, key: string) {
    map.set(key, (map.get(key) ?? 0) + 1)
  }

  store(ref: string, field: string, type: string, recordId: string, value: unknown) {
    const texts = expectedTexts(type, value)
    if (!texts.length || texts.some((t) => !t)) {
      this.unexplained.push(
        `${ref}.${field} of ${recordId}: accepted but stored nothing (${JSON.stringify(value)})`,
      )
      return
    }
    this.bump(this.stored, `${ref}.${field}`)
    this.pending.set(`${ref}.${field}#${recordId}`, texts)
  }

  refuse(ref: string, field: string) {
    this.bump(this.refused, `${ref}.${field}`)
  }

  /** A rendered cell of the list: the stored cell it shows is checked when every text is there. */
  seen(ref: string, field: string, recordId: string, cellText: string) {
    const key = `${ref}.${field}#${recordId}`
    const texts = this.pending.get(key)
    if (texts?.every((t) => cellText.includes(t))) this.pending.delete(key)
  }

  /** One line per field: `accounts.account.name 50 stored / 0 refused`. */
  table(): string[] {
    const keys = [...new Set([...this.stored.keys(), ...this.refused.keys()])].sort()
    return keys.map((k) => `${k} ${this.stored.get(k) ?? 0} stored / ${this.refused.get(k) ?? 0} refused`)
  }
}
