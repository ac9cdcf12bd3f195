/**
 * Users of the tenant (`/api/v1/admin/users`): name, e-mail, language, roles, teams, administrator, active.
 * Users are deactivated rather than deleted, so their records keep an author.
 * @module
 */
import { createResource, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { AdminTable, type AdminRow } from './admin-table'
import { UserRowActions } from './user-row-actions'

type Named = { id: string; name: string }

const ids = (v: unknown) =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x ? (x as Named).id : String(x))) : []

export function UsersSettings() {
  const { t } = useI18n()
  const [roles] = createResource(async () => rows(await request<Named[] | { data: Named[] }>('/admin/roles')))
  const [teams] = createResource(async () => rows(await request<Named[] | { data: Named[] }>('/admin/teams')))
  const yes = (v: unknown) => (v ? t('common.yes') : t('common.no'))
  return (
    <AdminTable
      title={t('settings.users')}
      noun={t('settings.userNoun')}
      endpoint="/admin/users"
      canDelete={false}
      rowActions={(row, table) => <UserRowActions user={row} onChanged={table.refetch} />}
      columns={[
        { label: t('settings.name'), value: (r) => r.name },
        { label: t('login.email'), value: (r) => r.email },
        { label: t('settings.admin'), value: (r) => yes(r.isAdmin) },
        {
          label: t('settings.active'),
          value: (r) => (
            <Show
              when={r.status !== 'inactive'}
              fallback={<span class="chip chip-muted">{t('settings.inactive')}</span>}
            >
              {r.invited ? t('settings.invited') : t('common.yes')}
            </Show>
          ),
        },
      ]}
      fields={[
        { name: 'name', label: t('settings.name'), type: 'text', required: true },
        { name: 'email', label: t('login.email'), type: 'email', required: true },
        {
          name: 'password',
          label: t('login.password'),
          type: 'password',
          createOnly: true,
          hint: t('settings.passwordHint'),
        },
        {
          name: 'locale',
          label: t('account.language'),
          type: 'select',
          options: () => [
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ],
        },
        {
          name: 'roles',
          label: t('settings.roles'),
          type: 'checkboxes',
          options: () => (roles() ?? []).map((r) => ({ value: r.id, label: r.name })),
        },
        {
          name: 'teams',
          label: t('settings.teams'),
          type: 'checkboxes',
          options: () => (teams() ?? []).map((r) => ({ value: r.id, label: r.name })),
        },
        { name: 'isAdmin', label: t('settings.admin'), type: 'checkbox' },
      ]}
      toValues={(r: AdminRow) => ({
        name: r.name,
        email: r.email,
        locale: r.locale,
        isAdmin: r.isAdmin,
        roles: ids(r.roles),
        teams: ids(r.teams),
      })}
      toBody={(v) => ({
        name: v.name,
        email: v.email,
        locale: v.locale || undefined,
        isAdmin: v.isAdmin === true,
        roles: v.roles ?? [],
        teams: v.teams ?? [],
        ...(v.password ? { password: v.password } : {}),
      })}
    />
  )
}
