/**
 * One related list of a record (a tab of its detail page): the records that point at it through a field,
 * or that are linked to it (`link:` relations), with "new" prefilled and link / unlink.
 * @module
 */
import { A } from '@solidjs/router'
import { createResource, createSignal, For, Show } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import type { EntityMeta } from '../../records/metadata-types'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { readValue, recordPath } from '../fields/field-def'
import { FieldValue } from '../fields/field-value'
import { columnField } from '../list/columns'
import { IconLink, IconPlus, IconUnlink } from '../ui/icons'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'
import { LinkDialog } from './link-dialog'

export type RelatedListMeta = EntityMeta['relatedLists'][number]

/** `link:<kind>` (this record owns the link) or `link:<kind>:inverse` (the other side owns it). */
export function linkKind(via: string): { kind: string; inverse: boolean } | undefined {
  if (!via.startsWith('link:')) return undefined
  const [, kind, side] = via.split(':')
  return { kind, inverse: side === 'inverse' }
}

export function RelatedList(props: { meta: EntityMeta; record: RecordData; list: RelatedListMeta }) {
  const { t, plural } = useI18n()
  const session = useSession()
  const target = () => session.entity(props.list.entity)!
  const link = () => linkKind(props.list.via)
  // The entity that declares the link, whose messages name its roles.
  const linkOwner = () => (link()?.inverse ? target() : props.meta)
  const columns = () =>
    (props.list.columns ?? target().list.columns.slice(0, 4)).flatMap((n) => columnField(target(), n) ?? [])
  const [page, { refetch }] = createResource(
    () => props.record.id,
    (id) => records.related(props.meta.ref, id, props.list.id, { limit: 50, sort: props.list.sort }),
  )
  const [linking, setLinking] = createSignal(false)
  const newHref = () =>
    `${recordPath(props.list.entity, 'new')}?prefill=${encodeURIComponent(
      JSON.stringify({
        [props.list.via]: {
          id: props.record.id,
          title: props.record._title,
          // A `parent` field points at any entity, so its value names the entity too.
          ...(target().fields[props.list.via]?.type === 'parent' ? { entity: props.meta.ref } : {}),
        },
      }),
    )}`
  const linkTo = async (otherId: string, role?: string) => {
    const l = link()!
    if (l.inverse) await records.link(props.list.entity, otherId, l.kind, props.record.id, role)
    else await records.link(props.meta.ref, props.record.id, l.kind, otherId, role)
    refetch()
  }
  const unlink = async (row: RecordData) => {
    const l = link()!
    try {
      if (l.inverse) await records.unlink(props.list.entity, row.id, l.kind, props.record.id)
      else await records.unlink(props.meta.ref, props.record.id, l.kind, row.id)
      notify('success', t('related.unlinked', { title: row._title ?? '' }))
      refetch()
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    }
  }
  return (
    <div class="related">
      <div class="toolbar">
        <span class="muted">
          <Show when={page.latest}>{plural('related.count', page.latest!.data.length)}</Show>
        </span>
        <span class="spacer" />
        <Show when={link() && session.can(props.meta.ref, 'update')}>
          <button type="button" class="button" onClick={() => setLinking(true)}>
            <IconLink size={16} aria-hidden="true" />
            {t('related.link')}
          </button>
        </Show>
        <Show when={!link() && session.can(props.list.entity, 'create')}>
          <A class="button" href={newHref()}>
            <IconPlus size={16} aria-hidden="true" />
            {t('related.new', { entity: session.labels().entity(target()) })}
          </A>
        </Show>
      </div>
      <Show when={!page.error} fallback={<ErrorState error={page.error} onRetry={refetch} />}>
        <Show when={page.latest} fallback={<Loading />}>
          <Show when={page.latest!.data.length > 0} fallback={<EmptyState title={t('related.empty')} />}>
            <table class="data-table compact">
              <caption class="visually-hidden">{session.labels().msg(props.list.label)}</caption>
              <thead>
                <tr>
                  <For each={columns()}>{(f) => <th scope="col">{session.labels().field(f)}</th>}</For>
                  <Show when={link()}>
                    <th scope="col">
                      <span class="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={page.latest!.data}>
                  {(row) => (
                    <tr>
                      <For each={columns()}>
                        {(f, i) => (
                          <td>
                            <Show
                              when={i() === 0}
                              fallback={<FieldValue field={f} value={readValue(row, f)} />}
                            >
                              <A href={recordPath(props.list.entity, row.id)}>{row._title ?? row.id}</A>
                            </Show>
                          </td>
                        )}
                      </For>
                      <Show when={link()}>
                        <td class="row-actions">
                          <button
                            type="button"
                            class="icon-button"
                            aria-label={t('related.unlink', { title: row._title ?? '' })}
                            onClick={() => unlink(row)}
                          >
                            <IconUnlink size={16} aria-hidden="true" />
                          </button>
                        </td>
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </Show>
      </Show>
      <Show when={link()}>
        <LinkDialog
          open={linking()}
          entity={props.list.entity}
          roleOptions={linkOwner().links.find((l) => l.kind === link()!.kind)?.roleOptions}
          roleLabel={(role) =>
            session
              .labels()
              .msg(`${linkOwner().plugin}:link.${linkOwner().name}.${link()!.kind}.role.${role}`)
          }
          onClose={() => setLinking(false)}
          onLink={async (id, role) => {
            await linkTo(id, role)
            setLinking(false)
          }}
        />
      </Show>
    </div>
  )
}
