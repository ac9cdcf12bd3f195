/**
 * Tenant custom fields (`/api/v1/admin/custom-fields`): an extra field on an entity, with its labels in
 * French and English and, for lists, its options.
 * @module
 */
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { AdminTable, type AdminRow } from './admin-table'

const TYPES = [
  'text',
  'longText',
  'email',
  'phone',
  'url',
  'integer',
  'decimal',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
]

export function CustomFieldsSettings() {
  const { t } = useI18n()
  const session = useSession()
  const entityLabel = (ref: string) => {
    const m = session.entity(ref)
    return m ? session.labels().entity(m) : ref
  }
  return (
    <AdminTable
      title={t('settings.customFields')}
      intro={t('settings.customFieldsIntro')}
      noun={t('settings.customFieldNoun')}
      endpoint="/admin/custom-fields"
      columns={[
        { label: t('settings.entity'), value: (r) => entityLabel(r.entity) },
        { label: t('settings.label'), value: (r) => r.labels?.fr ?? r.label ?? r.name },
        { label: t('settings.fieldName'), value: (r) => <code>{r.name}</code> },
        { label: t('settings.fieldType'), value: (r) => r.type },
      ]}
      fields={[
        {
          name: 'entity',
          label: t('settings.entity'),
          type: 'select',
          required: true,
          createOnly: true,
          options: () =>
            Object.values(session.bootstrap().entities).map((m) => ({
              value: m.ref,
              label: session.labels().entity(m),
            })),
        },
        {
          name: 'name',
          label: t('settings.fieldName'),
          type: 'text',
          required: true,
          createOnly: true,
          hint: t('settings.fieldNameHint'),
        },
        {
          name: 'type',
          label: t('settings.fieldType'),
          type: 'select',
          required: true,
          createOnly: true,
          options: () => TYPES.map((x) => ({ value: x, label: x })),
        },
        { name: 'labelFr', label: t('settings.labelFr'), type: 'text', required: true },
        { name: 'labelEn', label: t('settings.labelEn'), type: 'text' },
        { name: 'options', label: t('settings.options'), type: 'text', hint: t('settings.optionsHint') },
        { name: 'required', label: t('settings.requiredField'), type: 'checkbox' },
      ]}
      toValues={(r: AdminRow) => ({
        ...r,
        labelFr: r.labels?.fr ?? '',
        labelEn: r.labels?.en ?? '',
        options: (r.options ?? []).join(', '),
      })}
      toBody={(v, row) => ({
        ...(row ? {} : { entity: v.entity, name: v.name, type: v.type }),
        labels: { fr: v.labelFr, ...(v.labelEn ? { en: v.labelEn } : {}) },
        options: String(v.options ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        required: v.required === true,
      })}
    />
  )
}
