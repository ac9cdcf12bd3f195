/**
 * Sample records for tests, made from entity metadata: every required field gets a valid value, and
 * required references get a parent created first. Plugins whose fields carry special rules (a SIREN, a
 * stage that must exist) pass their own samples.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import type { FieldDef } from '../entity/fields'
import type { Registry } from '../plugin/registry'
import type { TestClient } from './test-core'

export type SampleFactory = (client: TestClient, n: number) => Promise<RecordData> | RecordData

function value(field: FieldDef, name: string, n: number): unknown {
  switch (field.type) {
    case 'text':
    case 'longText':
      return `${name} ${n}`
    case 'email':
      return `sample${n}@example.test`
    case 'phone':
      return `+33 1 23 45 67 ${String(n % 100).padStart(2, '0')}`
    case 'url':
      return `https://example.test/${n}`
    case 'integer':
      return field.min ?? 1
    case 'decimal':
    case 'money':
    case 'percent':
      return String(field.min ?? 10)
    case 'date':
      return '2026-11-27'
    case 'datetime':
      return '2026-11-27T10:00:00.000Z'
    case 'boolean':
      return true
    case 'select':
      return field.options[0]
    case 'multiSelect':
      return [field.options[0]]
    case 'address':
      return { street: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' }
    default:
      return undefined
  }
}

/** Creates a valid record of `ref` through the API (and its required parents) and returns it. */
export async function createSample(
  client: TestClient,
  registry: Registry,
  ref: string,
  samples: Record<string, SampleFactory>,
  n = 1,
): Promise<RecordData> {
  let data: RecordData
  if (samples[ref]) data = await samples[ref](client, n)
  else {
    const e = registry.entities.get(ref)
    if (!e) throw new Error(`Unknown entity ${ref}`)
    data = {}
    for (const [name, field] of Object.entries(e.fields)) {
      if (!field.required || field.readOnly || field.type === 'computed') continue
      if (field.type === 'belongsTo')
        data[name] = (await createSample(client, registry, field.target, samples, n)).id
      else data[name] = value(field, name, n)
    }
    for (const t of e.title)
      if (data[t] === undefined && e.fields[t] && !e.fields[t].readOnly) data[t] = value(e.fields[t], t, n)
  }
  const r = await client.post(`/api/v1/records/${ref}`, data)
  if (r.status !== 201)
    throw new Error(`Cannot create a sample ${ref}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}
