/**
 * What an import did (or, for a dry run, would do): rows created, updated and skipped, linked records
 * created, and every refused row with its line, column, field and message.
 * @module
 */
import { For, Show } from 'solid-js'
import type { ImportStatus } from '../api/import-api'
import { useI18n } from '../app/i18n-context'

export function JobReport(props: { status: ImportStatus }) {
  const { t, fmt } = useI18n()
  const s = () => props.status
  const word = (what: 'created' | 'updated' | 'skipped') =>
    t(s().dryRun ? `import.would.${what}` : `import.count.${what}`)
  const counts = () => [
    { label: word('created'), value: s().created },
    { label: word('updated'), value: s().updated },
    { label: word('skipped'), value: s().skipped },
    { label: t('import.count.errors'), value: s().errorCount },
    ...(s().createdLinked ? [{ label: t('import.count.linked'), value: s().createdLinked }] : []),
  ]
  return (
    <div class="form-stack">
      <dl class="record-meta" aria-label={t(s().dryRun ? 'import.dryRunResult' : 'import.result')}>
        <For each={counts()}>
          {(c) => (
            <div>
              <dt>{c.label}</dt>
              <dd>{fmt().number(c.value)}</dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={s().errors.length > 0} fallback={<p class="muted">{t('import.noErrors')}</p>}>
        <div class="table-scroll-x" style={{ 'max-height': '320px', 'overflow-y': 'auto' }}>
          <table class="data-table">
            <caption>{t('import.errors')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.field')}</th>
                <th scope="col">{t('import.message')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={s().errors}>
                {(e) => (
                  <tr>
                    <td>{e.line}</td>
                    <td>{e.column}</td>
                    <td>{e.field}</td>
                    <td>{e.message}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={s().errorCount > s().errors.length}>
          <p class="muted">
            {t('import.errorsMore', {
              shown: fmt().number(s().errors.length),
              n: fmt().number(s().errorCount),
            })}
          </p>
        </Show>
      </Show>
    </div>
  )
}
