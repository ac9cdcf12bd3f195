/**
 * A record's values as the text of its CSV cells, for one flavour and one language: amounts with the
 * flavour's decimal separator (no thousands separator, so spreadsheets read them as numbers), dates in
 * French or ISO form, yes/no words, option labels, references as title plus id.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import type { FieldDef } from '../entity/fields'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import type { CsvColumn } from '../import/csv-columns'
import { formatWall } from '../import/wall-clock'
import type { Locale, Messages } from '../plugin/define-plugin'
import type { EntityModel, ModelField } from '../records/entity-model'
import { type CsvFlavour, protect } from './csv-writer'

const NUMBER_TYPES = new Set(['integer', 'decimal', 'money', 'percent'])

export class CellText {
  private readonly yes: string
  private readonly no: string

  constructor(
    private readonly model: EntityModel,
    private readonly columns: CsvColumn[],
    private readonly flavour: CsvFlavour,
    private readonly messages: Record<Locale, Messages>,
    private readonly locale: Locale,
  ) {
    this.yes = flavour.localDates ? translate(messages, locale, 'core:import.yes') : 'true'
    this.no = flavour.localDates ? translate(messages, locale, 'core:import.no') : 'false'
  }

  row(r: RecordData): string[] {
    return this.columns.map((c) => this.cell(c, r))
  }

  private cell(c: CsvColumn, r: RecordData): string {
    switch (c.kind) {
      case 'id':
        return r.id
      case 'value': {
        const mf = c.field!
        const v = mf.origin === 'custom' ? r.custom?.[mf.jsonKey!] : r[mf.name]
        return this.value(mf, v)
      }
      case 'ref':
        return protect(r[c.field!.name]?.title ?? '')
      case 'refId':
        return r[c.field!.name]?.id ?? ''
      case 'parentEntity':
        return r[c.field!.name]?.entity ?? ''
      case 'part':
        return protect(r[c.field!.name]?.[c.part!] ?? '')
      case 'owner':
        return protect(r.owner?.title ?? '')
      case 'ownerId':
        return r.owner?.id ?? ''
      case 'meta':
        return this.datetime(r[c.key])
    }
  }

  private number(v: unknown): string {
    const s = String(v)
    return this.flavour.decimal === ',' ? s.replace('.', ',') : s
  }

  private datetime(v: unknown): string {
    if (!v) return ''
    return this.flavour.localDates ? formatWall(new Date(String(v))) : String(v)
  }

  private option(mf: ModelField, code: string): string {
    if (!this.flavour.labels || mf.origin === 'custom') return code
    const key = i18nKeys.option(mf.plugin, this.model.entity.name, mf.name, code)
    const label = translate(this.messages, this.locale, key)
    return label === key ? code : label
  }

  private value(mf: ModelField, v: unknown): string {
    if (v === null || v === undefined) return ''
    const d: FieldDef = mf.def
    const type = d.type === 'computed' ? (d.resultType === 'money' ? 'decimal' : d.resultType) : d.type
    if (NUMBER_TYPES.has(type)) return this.number(v)
    switch (type) {
      case 'date': {
        const s = String(v)
        return this.flavour.localDates ? `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}` : s
      }
      case 'datetime':
        return this.datetime(v)
      case 'boolean':
        return v ? this.yes : this.no
      case 'select':
        return protect(this.option(mf, String(v)))
      case 'multiSelect':
        return protect((v as string[]).map((x) => this.option(mf, x)).join(', '))
      default:
        return protect(String(v))
    }
  }
}
