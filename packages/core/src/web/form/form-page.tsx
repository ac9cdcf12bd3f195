/**
 * `/m/<plugin>/<entity>/new` and `/m/<plugin>/<entity>/<id>/edit`: loads what the form starts from (the
 * record, a record to duplicate, or values prefilled from a related list) and shows the form.
 * @module
 */
import { A, useSearchParams } from '@solidjs/router'
import { createResource, Show } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { recordPath } from '../fields/field-def'
import { useEntityRoute } from '../list/entity-route'
import { NotFoundPage } from '../shell/not-found-page'
import { ErrorState, Loading } from '../ui/states'
import { duplicateValues } from './form-model'
import { RecordForm } from './record-form'

function parsePrefill(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {}
  try {
    const v = JSON.parse(raw)
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {}
  } catch {
    return {}
  }
}

export function FormPage() {
  const route = useEntityRoute()
  const { t } = useI18n()
  const session = useSession()
  const [params] = useSearchParams<{ from?: string; prefill?: string }>()
  const [start] = createResource(
    () => ({ ref: route.ref(), id: route.id(), from: params.from, prefill: params.prefill }),
    async ({
      ref,
      id,
      from,
      prefill,
    }): Promise<{ record?: RecordData; prefill?: Record<string, unknown> }> => {
      const meta = session.entity(ref)
      if (!meta) return {}
      if (id) return { record: await records.get(ref, id) }
      const base = from ? duplicateValues(meta, await records.get(ref, from)) : {}
      return { prefill: { ...base, ...parsePrefill(prefill) } }
    },
  )
  const meta = () => route.meta()
  const title = () => {
    const m = meta()!
    const r = start.latest?.record
    return r
      ? t('form.editTitle', { title: r._title ?? '' })
      : t('form.newTitle', { entity: session.labels().entity(m) })
  }
  return (
    <Show when={meta()} fallback={<NotFoundPage />}>
      <div class="form-page">
        <header class="page-header">
          <div>
            <nav aria-label={t('detail.breadcrumb')} class="breadcrumb">
              <A href={recordPath(route.ref())}>{session.labels().entityPlural(meta()!)}</A>
            </nav>
            <h1>{title()}</h1>
          </div>
        </header>
        <Show when={!start.error} fallback={<ErrorState error={start.error} />}>
          <Show when={!start.loading && start.latest} fallback={<Loading />} keyed>
            {(s) => <RecordForm meta={meta()!} record={s.record} prefill={s.prefill} />}
          </Show>
        </Show>
      </div>
    </Show>
  )
}
