/**
 * A role's field rules: per entity, fields made read-only or hidden for its members.
 * @module
 */
import { createSignal, For } from 'solid-js'
import type { FieldRule } from '../../plugin/define-plugin'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'

export interface FieldRulesProps {
  rules: Record<string, FieldRule>
  onChange: (key: string, rule: FieldRule | undefined) => void
}

export function FieldRules(props: FieldRulesProps) {
  const { t } = useI18n()
  const session = useSession()
  const entities = () => Object.values(session.bootstrap().entities)
  const [ref, setRef] = createSignal(entities()[0]?.ref ?? '')
  const meta = () => session.entity(ref())
  const fields = () => Object.values(meta()?.fields ?? {})
  return (
    <div class="field-rules">
      <h3>{t('roles.fieldRules')}</h3>
      <div class="inline-form">
        <label for="rules-entity">{t('settings.entity')}</label>
        <select
          id="rules-entity"
          class="input select"
          value={ref()}
          onChange={(e) => setRef(e.currentTarget.value)}
        >
          <For each={entities()}>
            {(m) => <option value={m.ref}>{session.labels().entityPlural(m)}</option>}
          </For>
        </select>
      </div>
      <table class="data-table compact">
        <caption class="visually-hidden">{t('roles.fieldRules')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('roles.field')}</th>
            <th scope="col">{t('roles.rule')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={fields()}>
            {(f) => {
              const key = () => `${ref()}.${f.name}`
              const label = () => session.labels().field(f)
              return (
                <tr>
                  <th scope="row">{label()}</th>
                  <td>
                    <select
                      class="input select select-compact"
                      aria-label={t('roles.ruleFor', { label: label() })}
                      value={props.rules[key()] ?? ''}
                      onChange={(e) =>
                        props.onChange(key(), (e.currentTarget.value || undefined) as FieldRule | undefined)
                      }
                    >
                      <option value="">{t('roles.ruleNone')}</option>
                      <option value="readOnly">{t('roles.ruleReadOnly')}</option>
                      <option value="hidden">{t('roles.ruleHidden')}</option>
                    </select>
                  </td>
                </tr>
              )
            }}
          </For>
        </tbody>
      </table>
    </div>
  )
}
