/**
 * An address block: street, postal code, city, region and country, each with its own label.
 * @module
 */
import { For } from 'solid-js'
import { ADDRESS_PARTS, type Address } from '../../entity/fields'
import { useI18n } from '../app/i18n-context'
import type { MessageKey } from '../i18n/translator'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'

const AUTOCOMPLETE: Record<string, string> = {
  street: 'street-address',
  postalCode: 'postal-code',
  city: 'address-level2',
  region: 'address-level1',
  country: 'country-name',
}

export function AddressInput(props: FieldWidgetProps) {
  const { t } = useI18n()
  const value = () => (props.value ?? {}) as Address
  const set = (part: string, v: string) => props.onChange({ ...value(), [part]: v })
  return (
    <div class="address-input" id={props.id} aria-describedby={props.describedBy}>
      <For each={ADDRESS_PARTS}>
        {(part) => (
          <div class={`address-part address-${part}`}>
            <label for={`${props.id}-${part}`}>{t(`address.${part}` as MessageKey)}</label>
            {part === 'street' ? (
              <textarea
                id={`${props.id}-${part}`}
                class="input textarea"
                rows={2}
                autocomplete={AUTOCOMPLETE[part]}
                value={value()[part] ?? ''}
                disabled={props.disabled}
                onInput={(e) => set(part, e.currentTarget.value)}
              />
            ) : (
              <input
                id={`${props.id}-${part}`}
                class="input"
                autocomplete={AUTOCOMPLETE[part]}
                value={value()[part] ?? ''}
                disabled={props.disabled}
                onInput={(e) => set(part, e.currentTarget.value)}
              />
            )}
          </div>
        )}
      </For>
    </div>
  )
}
