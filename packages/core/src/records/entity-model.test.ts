import { describe, expect, it } from 'vitest'
import crm from '../../test/fixtures/crm/server'
import { loadPlugins } from '../plugin/loader'
import type { FieldRule } from '../plugin/define-plugin'
import { type CustomFieldRow, EntityModel } from './entity-model'

const company = loadPlugins('0.1.0', [crm]).entities.get('crm.company')!
const enabled = new Set(['crm'])
const rating = (o: Partial<CustomFieldRow> = {}): CustomFieldRow => ({
  name: 'rating',
  type: 'integer',
  label_fr: 'Note',
  label_en: 'Rating',
  options: [],
  required: false,
  ...o,
})
const rules =
  (r: Record<string, FieldRule>) =>
  (field: string): FieldRule | undefined =>
    r[field]

describe('entity models seen by successive requests', () => {
  it('follow a change of field rules from one request to the next', () => {
    const open = new EntityModel(company, enabled, [], rules({}))
    const hidden = new EntityModel(company, enabled, [], rules({ secret: 'hidden' }))
    const again = new EntityModel(company, enabled, [], rules({}))
    expect(open.fields.has('secret')).toBe(true)
    expect(hidden.fields.has('secret')).toBe(false)
    expect(hidden.selectList()).not.toContain('"secret"')
    expect(again.selectList()).toContain('"secret"')
    expect(
      new EntityModel(company, enabled, [], rules({ revenue: 'readOnly' })).fields.get('revenue')?.rule,
    ).toBe('readOnly')
    expect(again.fields.get('revenue')?.rule).toBeUndefined()
  })

  it('follow a custom field renamed, retyped or added', () => {
    const before = new EntityModel(company, enabled, [rating()], rules({}))
    const renamed = new EntityModel(company, enabled, [rating({ label_fr: 'Évaluation' })], rules({}))
    const retyped = new EntityModel(
      company,
      enabled,
      [rating({ type: 'select', options: ['a', 'b'] })],
      rules({}),
    )
    const added = new EntityModel(company, enabled, [rating(), rating({ name: 'tier' })], rules({}))
    expect(before.fields.get('custom.rating')?.labels?.fr).toBe('Note')
    expect(renamed.fields.get('custom.rating')?.labels?.fr).toBe('Évaluation')
    expect(retyped.fields.get('custom.rating')?.def).toMatchObject({ type: 'select', options: ['a', 'b'] })
    expect([...added.fields.keys()]).toContain('custom.tier')
    expect([...before.fields.keys()]).not.toContain('custom.tier')
  })

  it('read rows into the same records, with all fields or some', () => {
    const model = new EntityModel(company, enabled, [rating()], rules({}))
    const row = {
      id: 'c1',
      version: 2,
      __title: 'Acme',
      owner_id: 'u1',
      team_id: null,
      created_at: new Date('2026-01-02T03:04:05Z'),
      created_by: 'u1',
      updated_at: '2026-01-03 04:05:06+00',
      updated_by: null,
      custom: { rating: 4 },
      name: 'Acme',
      kind: 'customer',
      parent_id: 'c0',
      address_city: 'Lyon',
    }
    const all = model.toJson(row)
    expect(all).toMatchObject({
      id: 'c1',
      _title: 'Acme',
      owner: { id: 'u1' },
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-03T04:05:06.000Z',
      name: 'Acme',
      kind: 'customer',
      parent: { id: 'c0' },
      custom: { rating: 4 },
    })
    expect(all.address).toMatchObject({ city: 'Lyon', street: null })
    const some = model.toJson(row, ['name', 'rating'])
    expect(some).toMatchObject({ name: 'Acme', custom: { rating: 4 } })
    expect(some).not.toHaveProperty('kind')
    expect(some).not.toHaveProperty('parent')
  })

  it('lay out a record alike whether its row has every column or lacks one', () => {
    const model = new EntityModel(company, enabled, [rating()], rules({}))
    const columns = [...model.selectList().matchAll(/t\."(\w+)"/g)].map((m) => m[1])
    const full: Record<string, any> = { __title: 'Acme', custom: { rating: 4 } }
    for (const c of columns) full[c] = c.endsWith('_at') ? new Date('2026-01-02T03:04:05Z') : `v-${c}`
    const { kind: _kind, ...withoutKind } = full
    for (let i = 0; i < 2; i++) {
      // Once to lay it out, once more from the layout kept.
      const laid = model.toJson(full)
      expect(Object.values(laid)).not.toContain(undefined)
      expect(laid.kind).toBe('v-kind')
      const keyByKey = model.toJson(withoutKind)
      expect(keyByKey).not.toHaveProperty('kind')
      expect(Object.keys(laid).filter((k) => k !== 'kind')).toEqual(Object.keys(keyByKey))
      expect({ ...laid, kind: undefined }).toEqual(keyByKey)
      expect(JSON.stringify(model.toJson(full, ['name', 'rating']))).toBe(
        JSON.stringify(model.toJson(withoutKind, ['name', 'rating'])),
      )
    }
    const trashed = model.toJson({ ...full, deleted_at: new Date('2026-02-03T00:00:00Z') })
    expect(Object.keys(trashed).slice(8, 11)).toEqual(['updatedBy', 'deletedAt', 'name'])
    expect(trashed.deletedAt).toBe('2026-02-03T00:00:00.000Z')
    expect(Object.keys(model.toJson(full))).not.toContain('deletedAt')
  })
})
