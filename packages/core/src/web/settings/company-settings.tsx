/**
 * The company profile (`/api/v1/admin/settings/company`): legal identity printed on quotes and invoices.
 * @module
 */
import { useI18n } from '../app/i18n-context'
import { SettingsDocument } from './settings-document'

export function CompanySettings() {
  const { t } = useI18n()
  return (
    <SettingsDocument
      title={t('settings.company')}
      intro={t('settings.companyIntro')}
      endpoint="/admin/settings/company"
      fields={[
        { name: 'name', label: t('settings.companyName'), autocomplete: 'organization', wide: true },
        { name: 'legalForm', label: t('settings.legalForm') },
        { name: 'shareCapital', label: t('settings.capital') },
        { name: 'siren', label: 'SIREN' },
        { name: 'siret', label: 'SIRET', hint: t('settings.siretHint') },
        { name: 'vatNumber', label: t('settings.vatNumber') },
        { name: 'naf', label: t('settings.naf') },
        { name: 'rcsCity', label: t('settings.rcsCity') },
        { name: 'address.street', label: t('address.street'), autocomplete: 'street-address', wide: true },
        { name: 'address.postalCode', label: t('address.postalCode'), autocomplete: 'postal-code' },
        { name: 'address.city', label: t('address.city'), autocomplete: 'address-level2' },
        { name: 'address.country', label: t('address.country'), autocomplete: 'country-name' },
        { name: 'email', label: t('login.email'), type: 'email', autocomplete: 'email' },
        { name: 'phone', label: t('settings.phone'), type: 'tel', autocomplete: 'tel' },
        { name: 'website', label: t('settings.website'), type: 'url', autocomplete: 'url' },
        { name: 'iban', label: 'IBAN' },
        { name: 'bic', label: 'BIC' },
      ]}
    />
  )
}
