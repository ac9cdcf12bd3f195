/**
 * The convert dialog of a lead: create the account and the contact from the lead or pick existing ones,
 * and optionally create a deal (offered when the tenant has the deals plugin and an open stage).
 * @module
 */
import { createResource, createSignal, For, type JSX, Show } from 'solid-js'
import { getJson, type Problem, ProblemError, postJson } from './api'
import { t } from './messages'
import { type Picked, RecordSearch } from './record-search'

export interface ConvertDialogProps {
  entity: string
  record: { id: string; company?: string }
  action: string
  onClose: () => void
  onDone: () => void
}

type Mode = 'create' | 'existing'

interface Stage {
  id: string
  _title?: string
  kind: string
}

function Target(props: {
  title: string
  entity: string
  mode: Mode
  picked?: Picked
  onMode: (m: Mode) => void
  onPick: (p: Picked) => void
}) {
  return (
    <fieldset>
      <legend>{props.title}</legend>
      <For each={['create', 'existing'] as const}>
        {(m) => (
          <label>
            <input
              type="radio"
              name={props.entity}
              checked={props.mode === m}
              onChange={() => props.onMode(m)}
            />
            {t(`convert.mode.${m}`)}
          </label>
        )}
      </For>
      <Show when={props.mode === 'existing'}>
        <RecordSearch entity={props.entity} label={props.title} value={props.picked} onPick={props.onPick} />
      </Show>
    </fieldset>
  )
}

async function openStages(): Promise<Stage[]> {
  try {
    const page = await getJson<{ data: Stage[] }>('/records/deals.stage?sort=position&limit=50')
    return page.data.filter((s) => s.kind === 'open')
  } catch {
    // Deals not enabled for the tenant, or not readable: no deal section.
    return []
  }
}

export default function ConvertDialog(props: ConvertDialogProps): JSX.Element {
  const [accountMode, setAccountMode] = createSignal<Mode>('create')
  const [contactMode, setContactMode] = createSignal<Mode>('create')
  const [account, setAccount] = createSignal<Picked>()
  const [contact, setContact] = createSignal<Picked>()
  const [withDeal, setWithDeal] = createSignal(false)
  const [deal, setDeal] = createSignal({
    name: props.record.company ?? '',
    amount: '',
    closeDate: '',
    stage: '',
  })
  const [problem, setProblem] = createSignal<Problem>()
  const [busy, setBusy] = createSignal(false)
  const [stages] = createResource(openStages)

  const target = (mode: Mode, picked?: Picked) => (mode === 'existing' ? { mode, id: picked?.id } : { mode })
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setBusy(true)
    setProblem(undefined)
    const d = deal()
    const body = {
      account: target(accountMode(), account()),
      contact: target(contactMode(), contact()),
      ...(withDeal() ? { deal: Object.fromEntries(Object.entries(d).filter(([, v]) => v !== '')) } : {}),
    }
    try {
      await postJson(`/records/${props.entity}/${props.record.id}/actions/${props.action}`, body)
      props.onDone()
    } catch (err) {
      setProblem(err instanceof ProblemError ? err.problem : { detail: String(err) })
    } finally {
      setBusy(false)
    }
  }
  const dealField = (key: 'name' | 'amount' | 'closeDate', type: string, label: string) => (
    <label>
      {label}
      <input
        type={type}
        value={deal()[key]}
        onInput={(e) => setDeal({ ...deal(), [key]: e.currentTarget.value })}
      />
    </label>
  )

  return (
    <form class="convert-dialog" onSubmit={submit}>
      <Target
        title={t('convert.account')}
        entity="accounts.account"
        mode={accountMode()}
        picked={account()}
        onMode={setAccountMode}
        onPick={setAccount}
      />
      <Target
        title={t('convert.contact')}
        entity="contacts.contact"
        mode={contactMode()}
        picked={contact()}
        onMode={setContactMode}
        onPick={setContact}
      />
      <Show when={(stages() ?? []).length > 0}>
        <fieldset>
          <legend>{t('convert.deal')}</legend>
          <label>
            <input
              type="checkbox"
              checked={withDeal()}
              onChange={(e) => setWithDeal(e.currentTarget.checked)}
            />
            {t('convert.withDeal')}
          </label>
          <Show when={withDeal()}>
            {dealField('name', 'text', t('convert.dealName'))}
            {dealField('amount', 'number', t('convert.dealAmount'))}
            {dealField('closeDate', 'date', t('convert.dealCloseDate'))}
            <select
              aria-label={t('convert.deal')}
              onChange={(e) => setDeal({ ...deal(), stage: e.currentTarget.value })}
            >
              <For each={stages()}>{(s) => <option value={s.id}>{s._title ?? s.id}</option>}</For>
            </select>
          </Show>
        </fieldset>
      </Show>
      <Show when={problem()}>
        {(p) => (
          <div role="alert" class="form-error">
            <p>{p().detail ?? p().title}</p>
            <For each={p().errors ?? []}>{(fe) => <p>{`${fe.path}: ${fe.message ?? fe.code}`}</p>}</For>
          </div>
        )}
      </Show>
      <div class="form-actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          {t('convert.cancel')}
        </button>
        <button type="submit" class="button button-primary" disabled={busy()}>
          {t('convert.submit')}
        </button>
      </div>
    </form>
  )
}
