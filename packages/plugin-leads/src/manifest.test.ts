import type { PluginManifest } from '@comptoir/core'
import { describe, expect, it } from 'vitest'
import { manifest } from './manifest'

/** Every key the metadata asks for (without the `<plugin>:` prefix). */
function expectedKeys(m: PluginManifest): string[] {
  const keys = ['plugin.title', ...m.navigation.map((n) => `nav.${n.id}`)]
  for (const e of m.entities) {
    keys.push(`entity.${e.name}.one`, `entity.${e.name}.many`)
    for (const [name, field] of Object.entries(e.fields)) {
      keys.push(`field.${e.name}.${name}`)
      if (field.type === 'select' || field.type === 'multiSelect') {
        keys.push(...field.options.map((o) => `option.${e.name}.${name}.${o}`))
      }
      if (field.type === 'belongsTo' && field.relatedList) keys.push(`related.${e.ref}.${name}`)
    }
    keys.push(...(e.detail?.sections ?? []).map((s) => `section.${e.name}.${s.id}`))
    keys.push(...(e.actions ?? []).map((a) => `action.${e.name}.${a.id}`))
    for (const l of e.links ?? []) {
      keys.push(`related.link.${l.kind}`, `related.link.${l.kind}.inverse`)
      if (l.roleOptions) keys.push(`link.${e.name}.${l.kind}.role`)
      keys.push(...(l.roleOptions ?? []).map((r) => `link.${e.name}.${l.kind}.role.${r}`))
    }
  }
  return keys
}

describe('manifest', () => {
  it('has French and English messages for every field, option, section and list', () => {
    const keys = expectedKeys(manifest)
    for (const locale of ['fr', 'en'] as const) {
      expect(
        keys.filter((k) => !manifest.i18n[locale][k]),
        locale,
      ).toEqual([])
    }
  })

  it('has the same keys in both languages', () => {
    expect(Object.keys(manifest.i18n.en).sort()).toEqual(Object.keys(manifest.i18n.fr).sort())
  })

  it('lays out every field of its entities exactly once', () => {
    for (const e of manifest.entities) {
      const laid = (e.detail?.sections ?? []).flatMap((s) => s.fields)
      expect([...laid].sort(), e.name).toEqual(Object.keys(e.fields).sort())
    }
  })

  it('grants every CRUD key and action to each role template', () => {
    const keys = manifest.entities.flatMap((e) => [
      ...['read', 'create', 'update', 'delete', 'restore', 'purge', 'import', 'export'].map(
        (a) => `${e.ref}.${a}`,
      ),
      ...(e.actions ?? []).map((a) => a.permission ?? `${e.ref}.${a.id}`),
    ])
    for (const template of Object.values(manifest.roleTemplates ?? {})) {
      expect(Object.keys(template.grants).sort()).toEqual([...keys].sort())
    }
  })
})
