/**
 * The input for one field, chosen by its type, unless a plugin contributed a widget for the field or type.
 * @module
 */
import { Dynamic } from 'solid-js/web'
import type { Component } from 'solid-js'
import { useSession } from '../app/session-context'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'
import { AddressInput } from './address-input'
import { BooleanInput, MultiSelectInput, SelectInput } from './choice-inputs'
import { DateInput } from './date-input'
import { FileInput } from './file-input'
import { FieldValue } from './field-value'
import { NumberInput } from './number-input'
import { ParentPicker } from './parent-picker'
import { ReferencePicker } from './reference-picker'
import { LongTextInput, TextInput } from './text-input'

const BUILT_IN: Partial<Record<string, Component<FieldWidgetProps>>> = {
  text: TextInput,
  email: TextInput,
  phone: TextInput,
  url: TextInput,
  longText: LongTextInput,
  integer: NumberInput,
  decimal: NumberInput,
  money: NumberInput,
  percent: NumberInput,
  date: DateInput,
  datetime: DateInput,
  select: SelectInput,
  multiSelect: MultiSelectInput,
  boolean: BooleanInput,
  address: AddressInput,
  belongsTo: ReferencePicker,
  user: ReferencePicker,
  parent: ParentPicker,
  file: FileInput,
}

/** Types whose widget holds several controls: the form wraps them in a fieldset with a legend. */
export const GROUP_TYPES = new Set(['address', 'multiSelect', 'parent'])

export function FieldInput(props: FieldWidgetProps & { entity: string }) {
  const session = useSession()
  const widget = () =>
    session.runtime().fieldWidget(props.entity, props.field.name, props.field.type) ??
    BUILT_IN[props.field.type]
  return <Dynamic component={widget() ?? ReadOnlyValue} {...props} />
}

function ReadOnlyValue(props: FieldWidgetProps) {
  return (
    <output id={props.id} class="readonly-value">
      <FieldValue field={props.field} value={props.value} />
    </output>
  )
}
