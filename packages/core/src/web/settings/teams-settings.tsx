/**
 * Teams (`/api/v1/admin/teams`): the unit of the `team` scope of rights.
 * @module
 */
import { useI18n } from '../app/i18n-context'
import { AdminTable } from './admin-table'

export function TeamsSettings() {
  const { t } = useI18n()
  return (
    <AdminTable
      title={t('settings.teams')}
      intro={t('settings.teamsIntro')}
      noun={t('settings.teamNoun')}
      endpoint="/admin/teams"
      columns={[
        { label: t('settings.name'), value: (r) => r.name },
        { label: t('settings.members'), value: (r) => String(r.memberCount ?? r.members?.length ?? '—') },
      ]}
      fields={[{ name: 'name', label: t('settings.name'), type: 'text', required: true }]}
      toBody={(v) => ({ name: v.name })}
    />
  )
}
