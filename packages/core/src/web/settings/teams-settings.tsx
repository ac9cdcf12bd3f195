/**
 * Teams (`/api/v1/admin/teams`): the unit of the `team` scope of rights, with a dialog to choose members.
 * @module
 */
import { createSignal, Show } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { IconUser } from '../ui/icons'
import { type AdminRow, AdminTable, type AdminTableControls } from './admin-table'
import { TeamMembersDialog } from './team-members-dialog'

export function TeamsSettings() {
  const { t } = useI18n()
  const [members, setMembers] = createSignal<{ team: AdminRow; table: AdminTableControls }>()
  return (
    <>
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
        rowActions={(team, table) => (
          <button
            type="button"
            class="button button-small"
            aria-label={t('settings.membersOf', { name: String(team.name) })}
            onClick={() => setMembers({ team, table })}
          >
            <IconUser size={14} aria-hidden="true" />
            {t('settings.members')}
          </button>
        )}
      />
      <Show when={members()} keyed>
        {(m) => (
          <TeamMembersDialog
            team={m.team}
            onClose={() => setMembers(undefined)}
            onChanged={() => m.table.refetch()}
          />
        )}
      </Show>
    </>
  )
}
