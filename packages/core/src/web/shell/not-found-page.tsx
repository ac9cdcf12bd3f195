/**
 * The page for an address that leads nowhere (or to a module this tenant does not have).
 * @module
 */
import { A } from '@solidjs/router'
import { useI18n } from '../app/i18n-context'
import { EmptyState } from '../ui/states'

export function NotFoundPage() {
  const { t } = useI18n()
  return (
    <div>
      <h1 class="visually-hidden">{t('error.notFound')}</h1>
      <EmptyState title={t('error.notFound')} hint={t('error.notFoundHint')}>
        <A href="/" class="button">
          {t('shell.home')}
        </A>
      </EmptyState>
    </div>
  )
}
