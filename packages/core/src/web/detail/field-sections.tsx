/**
 * The record's fields in the blocks its entity declares (`detail.sections`); fields no block lists come
 * last under "Other information".
 * @module
 */
import { For, Show } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import type { EntityMeta, FieldMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { readValue } from '../fields/field-def'
import { FieldValue } from '../fields/field-value'

export interface Section {
  id: string
  label: string
  fields: FieldMeta[]
}

export function detailSections(meta: EntityMeta, otherLabel: string): Section[] {
  const visible = (f: FieldMeta | undefined): f is FieldMeta => !!f && !f.hidden && f.rule !== 'hidden'
  const placed = new Set<string>()
  const sections: Section[] = meta.detail.sections.map((s) => {
    for (const n of s.fields) placed.add(n)
    return { id: s.id, label: s.label, fields: s.fields.map((n) => meta.fields[n]).filter(visible) }
  })
  const rest = Object.values(meta.fields).filter((f) => visible(f) && !placed.has(f.name))
  if (rest.length) sections.push({ id: 'other', label: otherLabel, fields: rest })
  return sections.filter((s) => s.fields.length > 0)
}

export function FieldSections(props: { meta: EntityMeta; record: RecordData }) {
  const { t } = useI18n()
  const session = useSession()
  const sections = () => detailSections(props.meta, t('detail.other'))
  return (
    <For each={sections()}>
      {(s) => (
        <section class="card" aria-labelledby={`section-${s.id}`}>
          <h2 id={`section-${s.id}`} class="card-title">
            {s.id === 'other' ? s.label : session.labels().msg(s.label)}
          </h2>
          <dl class="field-grid">
            <For each={s.fields}>
              {(f) => (
                <div class="field-item" classList={{ wide: f.type === 'longText' || f.type === 'address' }}>
                  <dt>{session.labels().field(f)}</dt>
                  <dd>
                    <FieldValue field={f} value={readValue(props.record, f)} multiline />
                  </dd>
                </div>
              )}
            </For>
          </dl>
        </section>
      )}
    </For>
  )
}

export function RecordMeta(props: { record: RecordData }) {
  const { t, fmt } = useI18n()
  return (
    <dl class="record-meta">
      <Show when={props.record.owner}>
        <div>
          <dt>{t('detail.owner')}</dt>
          <dd>{props.record.owner?.title ?? '—'}</dd>
        </div>
      </Show>
      <div>
        <dt>{t('detail.created')}</dt>
        <dd>{fmt().dateTime(props.record.createdAt)}</dd>
      </div>
      <div>
        <dt>{t('detail.updated')}</dt>
        <dd>{fmt().dateTime(props.record.updatedAt)}</dd>
      </div>
    </dl>
  )
}
