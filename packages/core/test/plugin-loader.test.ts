import { describe, expect, it } from 'vitest'
import { defineEntity, definePlugin, extendEntity, f } from '../src/index'
import { defineServerPlugin, loadPlugins } from '../src/server'

const i18n = { fr: {}, en: {} }
function plugin(id: string, extra: Record<string, unknown> = {}, version = '1.0.0') {
  return defineServerPlugin(definePlugin({ id, version, core: '^0.1.0', i18n, ...extra } as any), {})
}

describe('plugin loader', () => {
  it('orders by dependencies with ties by id, whatever the install order', () => {
    const a = plugin('alpha', { dependsOn: { zeta: '^1.0.0' } })
    const b = plugin('beta')
    const z = plugin('zeta')
    const order1 = loadPlugins('0.1.0', [a, b, z]).plugins.map((p) => p.manifest.id)
    const order2 = loadPlugins('0.1.0', [z, b, a]).plugins.map((p) => p.manifest.id)
    expect(order1).toEqual(['beta', 'zeta', 'alpha'])
    expect(order2).toEqual(order1)
  })

  it('refuses an unsatisfied core range, naming plugin, range and version', () => {
    const p = defineServerPlugin(definePlugin({ id: 'old', version: '3.1.0', core: '^2.0.0', i18n }), {})
    expect(() => loadPlugins('0.1.0', [p])).toThrow(
      'Plugin "old" 3.1.0 requires @comptoir/core ^2.0.0, but core is 0.1.0.',
    )
  })

  it('refuses missing and mismatched dependencies', () => {
    expect(() => loadPlugins('0.1.0', [plugin('deals', { dependsOn: { accounts: '^1.0.0' } })])).toThrow(
      'Plugin "deals" 1.0.0 requires plugin "accounts" ^1.0.0, which is not installed.',
    )
    expect(() =>
      loadPlugins('0.1.0', [plugin('deals', { dependsOn: { accounts: '^2.0.0' } }), plugin('accounts')]),
    ).toThrow('Plugin "deals" 1.0.0 requires plugin "accounts" ^2.0.0, but "accounts" is 1.0.0.')
  })

  it('refuses cycles, duplicates and objects that are not plugins', () => {
    expect(() =>
      loadPlugins('0.1.0', [
        plugin('aa', { dependsOn: { bb: '*' } }),
        plugin('bb', { dependsOn: { aa: '*' } }),
      ]),
    ).toThrow(/cycle: aa → bb → aa/)
    expect(() => loadPlugins('0.1.0', [plugin('aa'), plugin('aa')])).toThrow(
      'Plugin "aa" is installed twice.',
    )
    expect(() => loadPlugins('0.1.0', [{ id: 'fake' }])).toThrow(/"fake" is not a Comptoir server plugin/)
  })

  it('refuses contributions outside the namespace and clashing extension fields', () => {
    const base = plugin('base', {
      entities: [defineEntity({ name: 'thing', title: ['name'], fields: { name: f.text() } })],
    })
    const outsider = plugin('outsider', {
      extends: [extendEntity('base.thing', { fields: { x: f.text() } })],
    })
    expect(() => loadPlugins('0.1.0', [base, outsider])).toThrow(
      'Plugin "outsider" extends base.thing, which is not an entity of a plugin it depends on.',
    )
    const perm = plugin('perm', { permissions: [{ key: 'other.thing.do' }] })
    expect(() => loadPlugins('0.1.0', [perm])).toThrow(/outside its namespace "perm\."/)
    const one = plugin('one', {
      dependsOn: { base: '*' },
      extends: [extendEntity('base.thing', { fields: { extra: f.text() } })],
    })
    const two = plugin('two', {
      dependsOn: { base: '*' },
      extends: [extendEntity('base.thing', { fields: { extra: f.text() } })],
    })
    expect(() => loadPlugins('0.1.0', [base, one, two])).toThrow(
      'Plugins "one" and "two" both add field base.thing.extra.',
    )
    const clash = plugin('three', {
      dependsOn: { base: '*' },
      extends: [extendEntity('base.thing', { fields: { name: f.text() } })],
    })
    expect(() => loadPlugins('0.1.0', [base, clash])).toThrow(
      'Plugin "three" adds field base.thing.name, which "base" already declares.',
    )
  })

  it('derives inverse related lists from belongsTo without touching the target plugin', () => {
    const base = plugin('base', {
      entities: [defineEntity({ name: 'thing', title: ['name'], fields: { name: f.text() } })],
    })
    const child = plugin('child', {
      dependsOn: { base: '*' },
      entities: [
        defineEntity({
          name: 'part',
          title: ['label'],
          fields: { label: f.text(), thing: f.belongsTo('base.thing', { onDelete: 'cascade' }) },
        }),
      ],
    })
    const reg = loadPlugins('0.1.0', [child, base])
    const thing = reg.entities.get('base.thing')!
    expect(thing.relatedLists.map((r) => r.id)).toEqual(['child.part.thing'])
    expect(thing.inverse).toEqual([
      { entity: 'child.part', field: 'thing', plugin: 'child', onDelete: 'cascade' },
    ])
    expect(reg.permissions.has('child.part.restore')).toBe(true)
  })

  it('lists the records about a target on every target of a parent field, not for a read-only trace', () => {
    const base = plugin('base', {
      entities: [
        defineEntity({ name: 'thing', title: ['name'], fields: { name: f.text() } }),
        defineEntity({ name: 'other', title: ['name'], fields: { name: f.text() } }),
      ],
    })
    const memo = plugin('memo', {
      dependsOn: { base: '*' },
      entities: [
        defineEntity({
          name: 'memo',
          title: ['text'],
          fields: {
            text: f.text(),
            about: f.parent({ onDelete: 'cascade' }),
            onlyThing: f.parent({ targets: ['base.thing'], onDelete: 'restrict' }),
            trace: f.parent({ readOnly: true }),
          },
        }),
      ],
    })
    const reg = loadPlugins('0.1.0', [memo, base])
    const thing = reg.entities.get('base.thing')!
    const other = reg.entities.get('base.other')!
    expect(thing.relatedLists.map((r) => [r.id, r.via, r.plugin])).toEqual([
      ['memo.memo.about', 'about', 'memo'],
      ['memo.memo.onlyThing', 'onlyThing', 'memo'],
    ])
    expect(other.relatedLists.map((r) => r.id)).toEqual(['memo.memo.about'])
    expect(thing.parentInverse).toEqual([
      { entity: 'memo.memo', field: 'about', plugin: 'memo', onDelete: 'cascade' },
      { entity: 'memo.memo', field: 'onlyThing', plugin: 'memo', onDelete: 'restrict' },
      { entity: 'memo.memo', field: 'trace', plugin: 'memo', onDelete: 'keep' },
    ])
    expect(other.parentInverse.map((x) => x.field)).toEqual(['about', 'trace'])
  })
})
