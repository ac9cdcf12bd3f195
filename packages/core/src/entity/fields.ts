/**
 * Field builders. Each returns plain data (a `FieldDef`) that drives the table, validation,
 * the API's JSON shape, filters, the OpenAPI document and the web forms.
 * @module
 */

export type FieldType =
  | 'text'
  | 'longText'
  | 'email'
  | 'phone'
  | 'url'
  | 'integer'
  | 'decimal'
  | 'money'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'select'
  | 'multiSelect'
  | 'belongsTo'
  | 'parent'
  | 'address'
  | 'user'
  | 'file'
  | 'computed'

/** Returns an error code (an i18n key under `core:error.`, or a namespaced key) or nothing. */
export type FieldValidator = (value: any) => string | undefined

export interface BaseFieldOptions {
  required?: boolean
  /** Unique among the tenant's live (not trashed) records. */
  unique?: boolean
  default?: unknown
  /** Computed or set by the server only: never accepted from clients. */
  readOnly?: boolean
  /** Part of the entity's `q=` search and of the global search. */
  searchable?: boolean
  /** Adds a `(tenant_id, column, id)` index for sorting and filtering at scale. */
  indexed?: boolean
  validate?: FieldValidator
  /** Personal data (RGPD): listed by the personal-data export. */
  personal?: boolean
  /** Hidden from forms and lists by default (still in the API). */
  hidden?: boolean
}

export interface TextFieldOptions extends BaseFieldOptions {
  maxLength?: number
  /** Normalises before validation: `upper` for codes, `trim` is always applied. */
  transform?: 'upper' | 'lower' | 'digits'
  pattern?: string
}

export interface DecimalFieldOptions extends BaseFieldOptions {
  precision?: number
  scale?: number
  min?: number
  max?: number
}

export interface SelectFieldOptions extends BaseFieldOptions {
  options: readonly string[]
}

export type OnParentDelete = 'cascade' | 'restrict' | 'keep'

export interface BelongsToOptions extends BaseFieldOptions {
  /** What trashing the target does to this record: trash it with the target, refuse, or keep the link. */
  onDelete?: OnParentDelete
  /** Show the inverse related list on the target's detail page (default true). */
  relatedList?: boolean
  /** The record may not point at itself or at one of its descendants. */
  noCycle?: boolean
}

export interface ComputedFieldOptions {
  /** SQL expression over this table's columns (snake_case), stored as a generated column. */
  sql: string
  resultType: 'money' | 'decimal' | 'integer' | 'percent' | 'text' | 'boolean'
}

interface FieldCommon {
  type: FieldType
  required: boolean
  unique: boolean
  readOnly: boolean
  searchable: boolean
  indexed: boolean
  hidden: boolean
  personal: boolean
  default?: unknown
  validate?: FieldValidator
}

export interface TextField extends FieldCommon {
  type: 'text' | 'longText' | 'email' | 'phone' | 'url'
  maxLength: number
  transform?: 'upper' | 'lower' | 'digits'
  pattern?: string
}
export interface NumberField extends FieldCommon {
  type: 'integer' | 'decimal' | 'money' | 'percent'
  precision: number
  scale: number
  min?: number
  max?: number
}
export interface DateField extends FieldCommon {
  type: 'date' | 'datetime'
}
export interface BooleanField extends FieldCommon {
  type: 'boolean'
}
export interface SelectField extends FieldCommon {
  type: 'select' | 'multiSelect'
  options: readonly string[]
}
export interface BelongsToField extends FieldCommon {
  type: 'belongsTo'
  target: string
  onDelete: OnParentDelete
  relatedList: boolean
  noCycle: boolean
}
export interface ParentField extends FieldCommon {
  type: 'parent'
  /** Entity refs this field may point at; empty means any entity. */
  targets: readonly string[]
  /** What trashing the record pointed at does to this one (as for `belongsTo`). */
  onDelete: OnParentDelete
  /** Show "records about this one" as a related list on every target. */
  relatedList: boolean
}

export interface ParentOptions extends BaseFieldOptions {
  /** Entity refs the field may point at; empty or absent means any entity. */
  targets?: readonly string[]
  /** What trashing the target does to this record (default `keep`: the pointer stays). */
  onDelete?: OnParentDelete
  /**
   * Show the records pointing at a target as a related list on it. Default true, except for a read-only
   * field (a trace the server writes, such as "converted into"), which shows none unless asked.
   */
  relatedList?: boolean
}
export interface AddressField extends FieldCommon {
  type: 'address'
  /** Parts lists filter on (`city`): each gets a `(tenant_id, part, created_at, id)` index. */
  indexedParts: readonly (typeof ADDRESS_PARTS)[number][]
}
export interface UserField extends FieldCommon {
  type: 'user'
}
export interface FileField extends FieldCommon {
  type: 'file'
  accept: readonly string[]
  maxSize: number
}
export interface ComputedField extends FieldCommon {
  type: 'computed'
  sql: string
  resultType: ComputedFieldOptions['resultType']
}

export type FieldDef =
  | TextField
  | NumberField
  | DateField
  | BooleanField
  | SelectField
  | BelongsToField
  | ParentField
  | AddressField
  | UserField
  | FileField
  | ComputedField

function common(type: FieldType, o: BaseFieldOptions = {}): FieldCommon {
  return {
    type,
    required: o.required ?? false,
    unique: o.unique ?? false,
    readOnly: o.readOnly ?? false,
    searchable: o.searchable ?? false,
    indexed: o.indexed ?? false,
    hidden: o.hidden ?? false,
    personal: o.personal ?? false,
    ...(o.default !== undefined ? { default: o.default } : {}),
    ...(o.validate ? { validate: o.validate } : {}),
  }
}

function text(type: TextField['type'], max: number, o: TextFieldOptions = {}): TextField {
  return {
    ...common(type, o),
    type,
    maxLength: o.maxLength ?? max,
    transform: o.transform,
    pattern: o.pattern,
  }
}

function num(type: NumberField['type'], p: number, s: number, o: DecimalFieldOptions = {}): NumberField {
  return {
    ...common(type, o),
    type,
    precision: o.precision ?? p,
    scale: o.scale ?? s,
    min: o.min,
    max: o.max,
  }
}

/** The field builders: `f.text()`, `f.money()`, `f.belongsTo('accounts.account')`, … */
export const f = {
  text: (o?: TextFieldOptions) => text('text', 255, o),
  longText: (o?: TextFieldOptions) => text('longText', 100_000, o),
  email: (o?: TextFieldOptions) => text('email', 254, o),
  phone: (o?: TextFieldOptions) => text('phone', 40, o),
  url: (o?: TextFieldOptions) => text('url', 2048, o),
  integer: (o?: DecimalFieldOptions) => num('integer', 10, 0, o),
  decimal: (o?: DecimalFieldOptions) => num('decimal', 18, 4, o),
  /** An amount in the tenant's currency, `numeric(18,2)`, exchanged as a decimal string ("1234.50"). */
  money: (o?: DecimalFieldOptions) => num('money', 18, 2, o),
  percent: (o?: DecimalFieldOptions) => num('percent', 5, 2, { min: 0, max: 100, ...o }),
  date: (o?: BaseFieldOptions): DateField => ({ ...common('date', o), type: 'date' }),
  datetime: (o?: BaseFieldOptions): DateField => ({ ...common('datetime', o), type: 'datetime' }),
  boolean: (o?: BaseFieldOptions): BooleanField => ({
    ...common('boolean', { default: false, ...o }),
    type: 'boolean',
  }),
  select: (o: SelectFieldOptions): SelectField => ({
    ...common('select', o),
    type: 'select',
    options: o.options,
  }),
  multiSelect: (o: SelectFieldOptions): SelectField => ({
    ...common('multiSelect', o),
    type: 'multiSelect',
    options: o.options,
  }),
  belongsTo: (target: string, o: BelongsToOptions = {}): BelongsToField => ({
    ...common('belongsTo', o),
    type: 'belongsTo',
    target,
    onDelete: o.onDelete ?? 'keep',
    relatedList: o.relatedList ?? true,
    noCycle: o.noCycle ?? false,
  }),
  parent: (o: ParentOptions = {}): ParentField => ({
    ...common('parent', o),
    type: 'parent',
    targets: o.targets ?? [],
    onDelete: o.onDelete ?? 'keep',
    relatedList: o.relatedList ?? !o.readOnly,
  }),
  address: (
    o: BaseFieldOptions & { indexedParts?: readonly (typeof ADDRESS_PARTS)[number][] } = {},
  ): AddressField => ({
    ...common('address', o),
    type: 'address',
    indexedParts: o.indexedParts ?? [],
  }),
  user: (o?: BaseFieldOptions): UserField => ({ ...common('user', o), type: 'user' }),
  file: (o: BaseFieldOptions & { accept?: readonly string[]; maxSize?: number } = {}): FileField => ({
    ...common('file', o),
    type: 'file',
    accept: o.accept ?? [],
    maxSize: o.maxSize ?? 10 * 1024 * 1024,
  }),
  computed: (o: ComputedFieldOptions): ComputedField => ({
    ...common('computed', { readOnly: true }),
    type: 'computed',
    sql: o.sql,
    resultType: o.resultType,
  }),
}

/** Parts of an address field, each stored in its own column `<field>_<part>`. */
export const ADDRESS_PARTS = ['street', 'postalCode', 'city', 'region', 'country'] as const
export type Address = Partial<Record<(typeof ADDRESS_PARTS)[number], string | null>>

/** Operators a list filter accepts for each field type. */
export function filterOperators(field: FieldDef): string[] {
  const base = ['eq', 'ne', 'in', 'isNull']
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
      return [...base, 'contains', 'startsWith']
    case 'integer':
    case 'decimal':
    case 'money':
    case 'percent':
    case 'date':
    case 'datetime':
      return [...base, 'lt', 'lte', 'gt', 'gte', 'between']
    case 'computed':
      return field.resultType === 'text'
        ? [...base, 'contains', 'startsWith']
        : [...base, 'lt', 'lte', 'gt', 'gte', 'between']
    case 'boolean':
      return ['eq', 'ne', 'isNull']
    case 'select':
    case 'belongsTo':
    case 'user':
    case 'file':
      return base
    case 'parent':
      // Compared on the target record's id.
      return base
    case 'multiSelect':
      return ['contains', 'isNull', 'in']
    case 'address':
      // Any part contains the text; isNull when every part is empty.
      return ['contains', 'isNull']
  }
}
