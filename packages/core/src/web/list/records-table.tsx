/**
 * The list's table: sortable headers, row selection, cells editable in place, and totals of the money
 * columns over the loaded rows. Only the rows in view are in the page (virtual scroll), and reaching the
 * end loads the next page, so a million rows scroll like a hundred.
 * @module
 */
import { A } from '@solidjs/router'
import { createVirtualizer } from '@tanstack/solid-virtual'
import { createEffect, For, Show } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import type { EntityMeta, FieldMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { fieldPath, isEditable, readValue, recordPath } from '../fields/field-def'
import { formatPlain } from '../fields/field-value'
import { sumDecimals } from '../i18n/format'
import { IconArrowDown, IconArrowUp } from '../ui/icons'
import { firstSortKey, isSortable } from './columns'
import { InlineCell } from './inline-cell'

export interface RecordsTableProps {
  meta: EntityMeta
  columns: FieldMeta[]
  rows: RecordData[]
  sort: string
  onSort: (sort: string) => void
  selected: ReadonlySet<string>
  onSelect: (ids: string[], on: boolean) => void
  onSaved: (row: RecordData) => void
  hasMore: boolean
  loading: boolean
  onLoadMore: () => void
}

const ROW_HEIGHT = 44

export function RecordsTable(props: RecordsTableProps) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const session = useSession()
  const linkText = (row: RecordData, f: FieldMeta) =>
    formatPlain(readValue(row, f), f, i18n, (v) => session.labels().option(f, v)) || row._title || row.id
  let scroller: HTMLDivElement | undefined
  const virtualizer = createVirtualizer({
    get count() {
      return props.rows.length
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = () => virtualizer.getVirtualItems()
  const padTop = () => items()[0]?.start ?? 0
  const padBottom = () => {
    const last = items()[items().length - 1]
    return last ? virtualizer.getTotalSize() - last.end : 0
  }
  createEffect(() => {
    const last = items()[items().length - 1]
    if (last && last.index >= props.rows.length - 20 && props.hasMore && !props.loading) props.onLoadMore()
  })

  const sortKey = () => firstSortKey(props.sort)
  const cycleSort = (f: FieldMeta) => {
    const path = fieldPath(f)
    const cur = sortKey()
    if (cur?.field !== path) props.onSort(path)
    else if (!cur.desc) props.onSort(`-${path}`)
    else props.onSort('')
  }
  const ariaSort = (f: FieldMeta) => {
    const cur = sortKey()
    if (cur?.field !== fieldPath(f)) return undefined
    return cur.desc ? 'descending' : 'ascending'
  }
  const allSelected = () => props.rows.length > 0 && props.rows.every((r) => props.selected.has(r.id))
  const canEdit = () => session.can(props.meta.ref, 'update')
  const label = (f: FieldMeta) => session.labels().field(f)
  const moneyColumns = () => props.columns.filter((c) => c.type === 'money')
  const colSpan = () => props.columns.length + 1

  return (
    <div class="table-scroll" ref={scroller}>
      <table class="data-table" aria-rowcount={props.rows.length + 1}>
        <caption class="visually-hidden">{session.labels().entityPlural(props.meta)}</caption>
        <thead>
          <tr>
            <th class="col-select" scope="col">
              <input
                type="checkbox"
                aria-label={t('list.selectAll')}
                checked={allSelected()}
                onChange={(e) =>
                  props.onSelect(
                    props.rows.map((r) => r.id),
                    e.currentTarget.checked,
                  )
                }
              />
            </th>
            <For each={props.columns}>
              {(f) => (
                <th scope="col" aria-sort={ariaSort(f)} class={f.type === 'money' ? 'num' : undefined}>
                  <Show when={isSortable(f)} fallback={<span>{label(f)}</span>}>
                    <button type="button" class="sort-button" onClick={() => cycleSort(f)}>
                      {label(f)}
                      <Show when={sortKey()?.field === fieldPath(f)}>
                        {sortKey()!.desc ? (
                          <IconArrowDown size={14} aria-hidden="true" />
                        ) : (
                          <IconArrowUp size={14} aria-hidden="true" />
                        )}
                      </Show>
                    </button>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <Show when={padTop() > 0}>
            <tr class="spacer-row" style={{ height: `${padTop()}px` }}>
              <td colSpan={colSpan()} />
            </tr>
          </Show>
          <For each={items()}>
            {(item) => {
              const row = () => props.rows[item.index]
              return (
                <Show when={row()}>
                  <tr
                    style={{ height: `${ROW_HEIGHT}px` }}
                    aria-rowindex={item.index + 2}
                    classList={{ selected: props.selected.has(row().id) }}
                  >
                    <td class="col-select">
                      <input
                        type="checkbox"
                        aria-label={t('list.selectRow', { title: row()._title ?? row().id })}
                        checked={props.selected.has(row().id)}
                        onChange={(e) => props.onSelect([row().id], e.currentTarget.checked)}
                      />
                    </td>
                    <For each={props.columns}>
                      {(f, i) => (
                        <td class={f.type === 'money' ? 'num' : undefined}>
                          <Show
                            when={i() > 0}
                            fallback={
                              <A href={recordPath(props.meta.ref, row().id)} class="row-link">
                                {linkText(row(), f)}
                              </A>
                            }
                          >
                            <InlineCell
                              meta={props.meta}
                              field={f}
                              row={row()}
                              editable={canEdit() && isEditable(f) && f.type !== 'address'}
                              onSaved={props.onSaved}
                            />
                          </Show>
                        </td>
                      )}
                    </For>
                  </tr>
                </Show>
              )
            }}
          </For>
          <Show when={padBottom() > 0}>
            <tr class="spacer-row" style={{ height: `${padBottom()}px` }}>
              <td colSpan={colSpan()} />
            </tr>
          </Show>
        </tbody>
        <Show when={moneyColumns().length > 0 && props.rows.length > 0}>
          <tfoot>
            <tr>
              <th scope="row" class="col-select">
                <span class="visually-hidden">{t('list.totals')}</span>
              </th>
              <For each={props.columns}>
                {(f, i) => (
                  <td class={f.type === 'money' ? 'num total' : undefined}>
                    <Show when={f.type === 'money'} fallback={i() === 0 ? t('list.totalsLoaded') : ''}>
                      {fmt().money(sumDecimals(props.rows.map((r) => readValue(r, f))))}
                    </Show>
                  </td>
                )}
              </For>
            </tr>
          </tfoot>
        </Show>
      </table>
    </div>
  )
}
