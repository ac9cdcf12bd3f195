/**
 * The file field's widget: the current file (a link, a thumbnail for images), a button to remove it, and
 * a file chooser that checks the field's accepted types and size before sending the file
 * (`POST /api/v1/files`); the record refers to the uploaded file once the form is saved.
 * @module
 */
import { createSignal, Show } from 'solid-js'
import { accepts } from '../../files/file-type'
import { type FileRef, fileUrl, uploadFile } from '../api/files-api'
import { useI18n } from '../app/i18n-context'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'
import { IconX } from '../ui/icons'
import { errorText } from '../ui/states'

export function fileRef(value: unknown): FileRef | null {
  if (!value) return null
  return typeof value === 'string' ? { id: value } : (value as FileRef)
}

/** A file as a link that opens it, with its size, and a small preview for images. */
export function FileLink(props: { file: FileRef; thumbnail?: boolean }) {
  const { fmt } = useI18n()
  return (
    <span class="file-link">
      <Show when={props.thumbnail && props.file.mime?.startsWith('image/')}>
        <img class="file-thumb" src={fileUrl(props.file.id)} alt="" width="48" height="48" loading="lazy" />
      </Show>
      <a href={fileUrl(props.file.id)} target="_blank" rel="noopener">
        {props.file.title ?? props.file.id}
      </a>
      <Show when={props.file.size !== undefined}>
        <span class="muted"> ({fmt().bytes(props.file.size)})</span>
      </Show>
    </span>
  )
}

export function FileInput(props: FieldWidgetProps) {
  const { t, fmt } = useI18n()
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const current = () => fileRef(props.value)
  const accept = () => props.field.accept ?? []
  const errorId = () => `${props.id}-upload-error`
  const hintId = () => `${props.id}-file-hint`
  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0]
    setError('')
    if (!file) return
    const max = props.field.maxSize
    try {
      if (max !== undefined && file.size > max) {
        setError(t('file.tooLarge', { max: fmt().bytes(max) }))
        return
      }
      if (!accepts(accept(), file.type, file.name)) {
        setError(t('file.wrongType', { accept: accept().join(', ') }))
        return
      }
      setBusy(true)
      const up = await uploadFile(file)
      props.onChange({ id: up.id, title: up.name, mime: up.mime, size: up.size } satisfies FileRef)
    } catch (e) {
      setError(errorText(e, t('error.generic')))
    } finally {
      setBusy(false)
      input.value = ''
    }
  }
  return (
    <div class="file-input">
      <Show when={current()}>
        {(file) => (
          <div class="file-current">
            <FileLink file={file()} thumbnail />
            <button
              type="button"
              class="icon-button"
              aria-label={t('field.clear', { label: props.label })}
              disabled={props.disabled || busy()}
              onClick={() => props.onChange(null)}
            >
              <IconX size={16} aria-hidden="true" />
            </button>
          </div>
        )}
      </Show>
      <input
        id={props.id}
        class="input input-file"
        type="file"
        accept={accept().join(',') || undefined}
        required={props.field.required && !current()}
        disabled={props.disabled || busy()}
        aria-invalid={props.invalid || !!error() || undefined}
        aria-describedby={[props.describedBy, hintId(), error() ? errorId() : ''].filter(Boolean).join(' ')}
        onChange={(e) => void choose(e.currentTarget)}
      />
      <p id={hintId()} class="field-hint">
        {accept().length
          ? t('file.hintTypes', { accept: accept().join(', '), max: fmt().bytes(props.field.maxSize) })
          : t('file.hint', { max: fmt().bytes(props.field.maxSize) })}
      </p>
      <Show when={busy()}>
        <p class="muted" role="status">
          {t('file.uploading')}
        </p>
      </Show>
      <Show when={error()}>
        <p id={errorId()} class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  )
}
