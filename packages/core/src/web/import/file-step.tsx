/**
 * Step 1 of the import wizard: the CSV file, the formats it is read with (detected by the server, each
 * one can be changed, which reads the file again) and its first rows.
 * @module
 */
import { For, Show } from 'solid-js'
import type { ImportFormats, ImportPreview } from '../api/import-api'
import { useI18n } from '../app/i18n-context'
import type { MessageKey } from '../i18n/translator'
import { Loading } from '../ui/states'

const ENCODINGS = [
  ['utf-8', 'UTF-8'],
  ['windows-1252', 'Windows-1252 (Latin-1)'],
  ['utf-16le', 'UTF-16 LE'],
  ['utf-16be', 'UTF-16 BE'],
] as const

const DELIMITERS: [string, MessageKey][] = [
  [';', 'import.delimiter.semicolon'],
  [',', 'import.delimiter.comma'],
  ['\t', 'import.delimiter.tab'],
  ['|', 'import.delimiter.pipe'],
]

const DECIMALS: [string, MessageKey][] = [
  [',', 'import.decimal.comma'],
  ['.', 'import.decimal.dot'],
]

const DATE_FORMATS: Record<string, { fr: string; en: string }> = {
  'dd/mm/yyyy': { fr: 'jj/mm/aaaa', en: 'dd/mm/yyyy' },
  'mm/dd/yyyy': { fr: 'mm/jj/aaaa', en: 'mm/dd/yyyy' },
  'yyyy-mm-dd': { fr: 'aaaa-mm-jj', en: 'yyyy-mm-dd' },
}

export interface FileStepProps {
  fileName: string
  busy: boolean
  preview: ImportPreview | undefined
  error: string
  onFile: (file: File) => void
  onFormat: (patch: Partial<ImportFormats>) => void
}

export function FileStep(props: FileStepProps) {
  const { t, plural, fmt, locale } = useI18n()
  const select = (id: keyof ImportFormats, label: string, options: [string, string][]) => (
    <div class="form-field">
      <label for={`import-${id}`}>{label}</label>
      <select
        id={`import-${id}`}
        class="input select"
        value={props.preview?.[id]}
        disabled={props.busy}
        onChange={(e) => props.onFormat({ [id]: e.currentTarget.value })}
      >
        <For each={options}>
          {([value, text]) => (
            <option value={value} selected={props.preview?.[id] === value}>
              {text}
            </option>
          )}
        </For>
      </select>
    </div>
  )
  return (
    <div class="form-stack">
      <div class="form-field">
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          class="input input-file"
          type="file"
          accept=".csv,.txt,text/csv"
          aria-describedby="import-file-hint"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            if (file) props.onFile(file)
          }}
        />
        <p id="import-file-hint" class="field-hint">
          {props.fileName || t('import.fileHint')}
        </p>
      </div>
      <Show when={props.error}>
        <p class="form-error" role="alert">
          {props.error}
        </p>
      </Show>
      <Show when={props.busy}>
        <Loading label={t('import.reading')} />
      </Show>
      <Show when={props.preview}>
        {(p) => (
          <>
            <fieldset class="form-field">
              <legend>{t('import.formats')}</legend>
              <div class="form-grid">
                {select(
                  'encoding',
                  t('import.encoding'),
                  ENCODINGS.map(([v, l]) => [v, l]),
                )}
                {select(
                  'delimiter',
                  t('import.delimiter'),
                  DELIMITERS.map(([v, k]) => [v, t(k)]),
                )}
                {select(
                  'decimal',
                  t('import.decimal'),
                  DECIMALS.map(([v, k]) => [v, t(k)]),
                )}
                {select(
                  'dateFormat',
                  t('import.dateFormat'),
                  Object.entries(DATE_FORMATS).map(([v, l]) => [v, l[locale()]]),
                )}
              </div>
            </fieldset>
            <p class="muted">{plural('import.rows', p().total, { n: fmt().number(p().total) })}</p>
            <div class="table-scroll-x">
              <table class="data-table">
                <caption>{t('import.sample')}</caption>
                <thead>
                  <tr>
                    <For each={p().headers}>{(h) => <th scope="col">{h}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().rows.slice(0, 5)}>
                    {(row) => (
                      <tr>
                        <For each={p().headers}>{(_, i) => <td>{row[i()] ?? ''}</td>}</For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </div>
  )
}
