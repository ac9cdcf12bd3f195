/**
 * The create / edit form of a record: widgets per field type, validation from the metadata before
 * sending, the plugins' checks before saving (`record.form.beforeSave`), the server's field errors
 * mapped back, a guard against leaving with unsaved changes, and the newer values shown when someone
 * else saved first.
 * @module
 */
import { useBeforeLeave, useNavigate } from '@solidjs/router'
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { createStore, reconcile, unwrap } from 'solid-js/store'
import type { RecordData } from '../../entity/define-entity'
import type { FieldError } from '../../errors'
import { validateRecord } from '../../entity/validate'
import type { EntityMeta } from '../../records/metadata-types'
import { isApiError } from '../api/api-error'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { fieldDef, isEditable, recordPath, toPayload } from '../fields/field-def'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'
import { BeforeSaveGate, useBeforeSaveChecks } from './before-save'
import { ConflictPanel } from './conflict-panel'
import { fieldErrorText } from './field-error-text'
import { FormField, fieldId } from './form-field'
import { changedFields, errorField, formSections, initialValues } from './form-model'

export interface RecordFormProps {
  meta: EntityMeta
  /** The record being edited; absent when creating. */
  record?: RecordData
  /** Starting values when creating (prefill, duplicate). */
  prefill?: Record<string, unknown>
}

export function RecordForm(props: RecordFormProps) {
  const i18n = useI18n()
  const { t } = i18n
  const session = useSession()
  const navigate = useNavigate()
  const creating = !props.record
  const start = { ...initialValues(props.meta, props.record), ...props.prefill }
  const [values, setValues] = createStore<Record<string, unknown>>(structuredClone(start))
  const [baseline, setBaseline] = createSignal<Record<string, unknown>>(
    creating ? initialValues(props.meta, undefined) : start,
  )
  const [version, setVersion] = createSignal<number>(props.record?.version ?? 0)
  const [errors, setErrors] = createStore<Record<string, string>>({})
  const [summary, setSummary] = createSignal('')
  const [saving, setSaving] = createSignal(false)
  const [conflict, setConflict] = createSignal<RecordData>()
  const [leaving, setLeaving] = createSignal<() => void>()
  const [gate, setGate] = createSignal<{ step: number; payload: Record<string, unknown> }>()
  const beforeSaveChecks = useBeforeSaveChecks(() => props.meta.ref)
  const sections = () => formSections(props.meta, creating, t('detail.other'))
  const dirty = () => changedFields(baseline(), unwrap(values)).length > 0
  let done = false

  useBeforeLeave((e) => {
    if (done || !dirty()) return
    e.preventDefault()
    setLeaving(() => () => {
      done = true
      e.retry(true)
    })
  })
  const onUnload = (e: BeforeUnloadEvent) => {
    if (!done && dirty()) e.preventDefault()
  }
  onMount(() => window.addEventListener('beforeunload', onUnload))
  onCleanup(() => window.removeEventListener('beforeunload', onUnload))

  const showErrors = (list: FieldError[]) => {
    const next: Record<string, string> = {}
    const loose: string[] = []
    for (const e of list) {
      const name = errorField(props.meta, e)
      if (name && !next[name]) next[name] = fieldErrorText(i18n, e)
      else if (!name) loose.push(fieldErrorText(i18n, e))
    }
    setErrors(reconcile(next))
    const count = Object.keys(next).length
    setSummary([count ? i18n.plural('form.errors', count) : '', ...loose].filter(Boolean).join(' '))
    const first = sections()
      .flatMap((s) => s.fields)
      .find((f) => next[f.name])
    if (first) queueMicrotask(() => document.getElementById(fieldId(first.name))?.focus())
  }

  const editableDefs = (names: string[]) =>
    Object.fromEntries(
      names.flatMap((n) =>
        props.meta.fields[n] && isEditable(props.meta.fields[n]) ? [[n, fieldDef(props.meta.fields[n])]] : [],
      ),
    )

  const submit = async (e?: SubmitEvent) => {
    e?.preventDefault()
    const current = unwrap(values)
    const names = creating
      ? Object.values(props.meta.fields)
          .filter(isEditable)
          .map((f) => f.name)
      : changedFields(baseline(), current).filter(
          (n) => props.meta.fields[n] && isEditable(props.meta.fields[n]),
        )
    const data = Object.fromEntries(names.map((n) => [n, current[n]]))
    const check = validateRecord(editableDefs(names), data, { partial: !creating })
    if (check.errors.length) return showErrors(check.errors)
    showErrors([])
    const payload = toPayload(check.values, props.meta.fields)
    if (beforeSaveChecks().length) setGate({ step: 0, payload })
    else await save(payload)
  }

  const save = async (payload: Record<string, unknown>) => {
    setGate(undefined)
    setSaving(true)
    try {
      const saved = creating
        ? await records.create(props.meta.ref, payload)
        : await records.update(props.meta.ref, props.record!.id, payload, version())
      done = true
      notify('success', creating ? t('form.created', { title: saved._title ?? '' }) : t('form.saved'))
      navigate(recordPath(props.meta.ref, saved.id), { replace: true })
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.problem.current) setConflict(err.problem.current)
      else if (isApiError(err) && err.errors.length) showErrors(err.errors)
      else setSummary(errorText(err, t('error.generic')))
    } finally {
      setSaving(false)
    }
  }

  const takeTheirs = (current: RecordData) => {
    const theirs = initialValues(props.meta, current)
    setValues(structuredClone(theirs))
    setBaseline(theirs)
    setVersion(current.version)
    setConflict(undefined)
  }
  const keepMine = (current: RecordData) => {
    setBaseline(initialValues(props.meta, current))
    setVersion(current.version)
    setConflict(undefined)
    void submit()
  }

  return (
    <form class="record-form" onSubmit={submit} novalidate aria-busy={saving()}>
      <div role="alert" class="form-summary-slot">
        <Show when={summary()}>
          <p class="form-error form-summary">{summary()}</p>
        </Show>
      </div>
      <Show when={conflict()}>
        {(current) => (
          <ConflictPanel
            meta={props.meta}
            current={current()}
            mine={unwrap(values)}
            changed={changedFields(baseline(), unwrap(values))}
            onTakeTheirs={() => takeTheirs(current())}
            onKeepMine={() => keepMine(current())}
          />
        )}
      </Show>
      <For each={sections()}>
        {(s) => (
          <section class="card" aria-labelledby={`form-section-${s.id}`}>
            <h2 id={`form-section-${s.id}`} class="card-title">
              {s.id === 'other' ? s.label : session.labels().msg(s.label)}
            </h2>
            <div class="form-grid">
              <For each={s.fields}>
                {(f) => (
                  <FormField
                    entity={props.meta.ref}
                    field={f}
                    label={session.labels().field(f)}
                    value={values[f.name]}
                    error={errors[f.name]}
                    readOnly={!isEditable(f)}
                    onChange={(v) => {
                      setValues(f.name, v)
                      if (errors[f.name]) setErrors(f.name, undefined as unknown as string)
                    }}
                  />
                )}
              </For>
            </div>
          </section>
        )}
      </For>
      <Show when={gate()}>
        {(g) => (
          <BeforeSaveGate
            entity={props.meta.ref}
            creating={creating}
            values={g().payload}
            record={props.record}
            step={g().step}
            onStep={(step) => setGate({ ...g(), step })}
            onPassed={() => void save(g().payload)}
            onCancel={() => setGate(undefined)}
          />
        )}
      </Show>
      <div class="form-actions">
        <button type="button" class="button" onClick={() => navigate(-1)}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="button button-primary" disabled={saving() || !!gate()}>
          {saving() ? t('form.saving') : creating ? t('form.create') : t('common.save')}
        </button>
      </div>
      <ConfirmDialog
        open={!!leaving()}
        title={t('form.leaveTitle')}
        message={t('form.leaveMessage')}
        confirmLabel={t('form.leave')}
        danger
        onConfirm={() => {
          const go = leaving()
          setLeaving(undefined)
          go?.()
        }}
        onCancel={() => setLeaving(undefined)}
      />
    </form>
  )
}
