/**
 * One field of a form: its label (a legend for multi-control widgets), the input, and its error.
 * @module
 */
import { Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type { FieldMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { FieldInput, GROUP_TYPES } from '../fields/field-input'

export interface FormFieldProps {
  entity: string
  field: FieldMeta
  label: string
  value: unknown
  error?: string
  readOnly?: boolean
  onChange: (value: unknown) => void
}

export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

export function FormField(props: FormFieldProps) {
  const { t } = useI18n()
  const id = () => fieldId(props.field.name)
  const group = () => GROUP_TYPES.has(props.field.type)
  const errorId = () => `${id()}-error`
  const wide = () =>
    props.field.type === 'longText' || props.field.type === 'address' || props.field.type === 'multiSelect'
  const labelText = () => (
    <>
      {props.label}
      <Show when={props.field.required && !props.readOnly}>
        <span class="required" aria-hidden="true">
          {' '}
          *
        </span>
        <span class="visually-hidden"> ({t('field.required')})</span>
      </Show>
    </>
  )
  return (
    <Dynamic
      component={group() ? 'fieldset' : 'div'}
      class="form-field"
      classList={{ wide: wide(), invalid: !!props.error, 'form-field-check': props.field.type === 'boolean' }}
      aria-describedby={group() && props.error ? errorId() : undefined}
    >
      <Show when={group()} fallback={<label for={id()}>{labelText()}</label>}>
        <legend>{labelText()}</legend>
      </Show>
      <FieldInput
        id={id()}
        entity={props.entity}
        field={props.field}
        label={props.label}
        value={props.value}
        onChange={props.onChange}
        invalid={!!props.error}
        describedBy={props.error ? errorId() : undefined}
        disabled={props.readOnly}
      />
      <Show when={props.error}>
        <p id={errorId()} class="field-error">
          {props.error}
        </p>
      </Show>
    </Dynamic>
  )
}
