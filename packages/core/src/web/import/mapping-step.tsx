/**
 * Step 2 of the import wizard: the field each column fills (or none), the mode, the field existing
 * records are recognised by, and whether linked records that cannot be found are created.
 * @module
 */
import { For, Show } from 'solid-js'
import type { ImportMode, ImportPreview } from '../api/import-api'
import { useI18n } from '../app/i18n-context'
import { fillsRelations, type MappingPlan, planProblems } from './import-plan'

const MODES: ImportMode[] = ['create', 'update', 'upsert']

export interface MappingStepProps {
  preview: ImportPreview
  plan: MappingPlan
  onChange: (patch: Partial<MappingPlan>) => void
}

export function MappingStep(props: MappingStepProps) {
  const { t } = useI18n()
  const p = () => props.preview
  const labelOf = (key: string) => p().fields.find((f) => f.key === key)?.label ?? key
  const setField = (index: number, key: string) => {
    const fields = [...props.plan.fields]
    fields[index] = key === '' ? null : key
    props.onChange({ fields })
  }
  const problems = () => planProblems(props.plan)
  return (
    <div class="form-stack">
      <div class="table-scroll-x">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.example')}</th>
              <th scope="col">{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={p().headers}>
              {(header, i) => (
                <tr>
                  <th scope="row">{header}</th>
                  <td class="muted">{p().rows[0]?.[i()] ?? ''}</td>
                  <td>
                    <select
                      class="input select"
                      aria-label={t('import.fieldFor', { column: header })}
                      value={props.plan.fields[i()] ?? ''}
                      onChange={(e) => setField(i(), e.currentTarget.value)}
                    >
                      <option value="" selected={props.plan.fields[i()] === null}>
                        {t('import.ignore')}
                      </option>
                      <For each={p().fields}>
                        {(f) => (
                          <option value={f.key} selected={props.plan.fields[i()] === f.key}>
                            {f.label}
                            {f.required ? ' *' : ''}
                          </option>
                        )}
                      </For>
                    </select>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="form-grid">
        <fieldset class="form-field">
          <legend>{t('import.mode')}</legend>
          <For each={MODES}>
            {(mode) => (
              <label class="checkbox">
                <input
                  type="radio"
                  name="import-mode"
                  value={mode}
                  checked={props.plan.mode === mode}
                  onChange={() => props.onChange({ mode })}
                />
                {t(`import.mode.${mode}`)}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={props.plan.mode !== 'create'}>
          <div class="form-field">
            <label for="import-key">{t('import.key')}</label>
            <select
              id="import-key"
              class="input select"
              value={props.plan.key}
              onChange={(e) => props.onChange({ key: e.currentTarget.value })}
            >
              <For each={p().keys}>
                {(k) => (
                  <option value={k.key} selected={props.plan.key === k.key}>
                    {k.label}
                  </option>
                )}
              </For>
            </select>
          </div>
        </Show>
      </div>
      <Show when={fillsRelations(p(), props.plan)}>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={props.plan.createMissing}
            onChange={(e) => props.onChange({ createMissing: e.currentTarget.checked })}
          />
          {t('import.createMissing')}
        </label>
      </Show>
      <Show when={problems().length > 0}>
        <ul class="form-error" role="alert">
          <For each={problems()}>
            {(pb) => (
              <li>
                {pb.code === 'nothing'
                  ? t('import.problem.nothing')
                  : t(`import.problem.${pb.code}`, { field: labelOf(pb.field) })}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
