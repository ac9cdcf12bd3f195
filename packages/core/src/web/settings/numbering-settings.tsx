/**
 * Numbering sequences (`/api/v1/admin/numbering`): prefix, padding and yearly reset of the automatic
 * numbers of quotes, invoices, tickets…
 * @module
 */
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { AdminTable } from './admin-table'

export function NumberingSettings() {
  const { t } = useI18n()
  const session = useSession()
  const entityLabel = (ref: string) => {
    const m = session.entity(ref)
    return m ? session.labels().entity(m) : ref
  }
  return (
    <AdminTable
      title={t('settings.numbering')}
      intro={t('settings.numberingIntro')}
      noun={t('settings.numberingNoun')}
      endpoint="/admin/numbering"
      canCreate={false}
      canDelete={false}
      rowKey={(r) => r.entity}
      columns={[
        { label: t('settings.entity'), value: (r) => entityLabel(r.entity) },
        { label: t('settings.prefix'), value: (r) => <code>{r.prefix}</code> },
        { label: t('settings.padding'), value: (r) => String(r.padding ?? '') },
        { label: t('settings.yearly'), value: (r) => (r.yearly ? t('common.yes') : t('common.no')) },
        { label: t('settings.next'), value: (r) => <code>{r.preview ?? r.next}</code> },
      ]}
      fields={[
        { name: 'prefix', label: t('settings.prefix'), type: 'text', required: true },
        { name: 'padding', label: t('settings.padding'), type: 'number' },
        { name: 'yearly', label: t('settings.yearly'), type: 'checkbox' },
        { name: 'next', label: t('settings.next'), type: 'number', hint: t('settings.nextHint') },
      ]}
      toBody={(v) => ({
        prefix: v.prefix,
        padding: Number(v.padding),
        yearly: v.yearly === true,
        next: Number(v.next),
      })}
      save={(body, row) => request('/admin/numbering', { method: 'PATCH', body: { [row!.entity]: body } })}
    />
  )
}
