/**
 * How long deleted records stay in the recycle bin (`/api/v1/admin/settings/trash`).
 * @module
 */
import { useI18n } from '../app/i18n-context'
import { SettingsDocument } from './settings-document'

export function TrashSettings() {
  const { t } = useI18n()
  return (
    <SettingsDocument
      title={t('settings.trash')}
      intro={t('settings.trashIntro')}
      endpoint="/admin/settings/trash"
      fields={[
        {
          name: 'retentionDays',
          label: t('settings.retentionDays'),
          type: 'number',
          hint: t('settings.retentionHint'),
        },
      ]}
    />
  )
}
