/**
 * The convert action: the lead becomes an account (new or existing), a contact (new or existing) and,
 * when the deals plugin is enabled, a deal. Everything runs in the request's transaction, so any refusal
 * leaves nothing behind; a refusal names the part it comes from (`deal.stage`, `account.siren`). The deals
 * plugin is optional: it is reached only through `ctx.records`.
 * @module
 */
import type { RecordData } from '@comptoir/core'
import { account as accountEntity } from '@comptoir/plugin-accounts'
import { contact as contactEntity } from '@comptoir/plugin-contacts'
import {
  type ActionHandler,
  ConflictError,
  moveRelated,
  NotFoundError,
  type RequestContext,
  ValidationError,
} from '@comptoir/core/server'
import { parseConvertInput, type TargetInput, writableData } from './convert-input'
import { defaultCloseDate, isConverted } from './lead-rules'
import { type DealInput, mapLeadToAccount, mapLeadToContact, mapLeadToDeal } from './mapping'
import { refId } from '@comptoir/core'

type Note = Record<string, unknown>

function title(r: RecordData): string {
  return r._title ?? r.name ?? r.id
}

function alreadyConverted(ctx: RequestContext): ConflictError {
  return new ConflictError('lead-already-converted', ctx.t('leads:error.lead-already-converted'))
}

/** Runs one part of the conversion, reporting its field errors under the part's name (`deal.stage`). */
async function part<T>(name: 'account' | 'contact' | 'deal', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    const errors = err.errors.map((e) => ({ ...e, path: e.path ? `${name}.${e.path}` : name }))
    throw new ValidationError(errors, err.detail)
  }
}

/** An existing record the user picked: one they cannot see is an invalid choice, not a missing page. */
async function picked(ctx: RequestContext, ref: string, id: string): Promise<RecordData> {
  try {
    return await ctx.records(ref).get(id)
  } catch (err) {
    if (err instanceof NotFoundError) throw new ValidationError([{ path: 'id', code: 'reference_not_found' }])
    throw err
  }
}

async function resolveAccount(ctx: RequestContext, lead: RecordData, spec: TargetInput, note: Note) {
  const accounts = ctx.records('accounts.account')
  if (spec.mode === 'existing') return picked(ctx, 'accounts.account', spec.id!)
  const data = { ...mapLeadToAccount(lead), ...writableData(spec.data, accountEntity.fields) }
  return accounts.create(data, { system: true, note })
}

async function resolveContact(
  ctx: RequestContext,
  lead: RecordData,
  spec: TargetInput,
  accountId: string,
  note: Note,
) {
  const contacts = ctx.records('contacts.contact')
  if (spec.mode === 'create') {
    const data = { ...mapLeadToContact(lead, accountId), ...writableData(spec.data, contactEntity.fields) }
    return contacts.create(data, { system: true, note })
  }
  const existing = await picked(ctx, 'contacts.contact', spec.id!)
  const current = refId(existing.account)
  if (!current) {
    const linked = { ...note, key: 'leads:history.linkedFromLead' }
    return contacts.update(existing.id, { account: accountId }, existing.version, {
      system: true,
      note: linked,
    })
  }
  if (current !== accountId) await contacts.link(existing.id, 'accounts', accountId, null)
  return existing
}

async function firstOpenStage(ctx: RequestContext): Promise<string> {
  const { data } = await ctx.records('deals.stage').list({
    filters: [{ field: 'kind', op: 'eq', value: 'open' }],
    sort: [{ field: 'position', desc: false }],
    limit: 1,
  })
  if (!data.length)
    throw new ValidationError([
      { path: 'stage', code: 'no_open_stage', message: ctx.t('leads:error.no_open_stage') },
    ])
  return data[0].id
}

async function createDeal(
  ctx: RequestContext,
  lead: RecordData,
  input: DealInput,
  ids: { account: string; contact: string },
  note: Note,
) {
  const stage = input.stage ?? (await firstOpenStage(ctx))
  const closeDate = input.closeDate ?? defaultCloseDate(ctx.core.now())
  return ctx
    .records('deals.deal')
    .create(mapLeadToDeal(lead, ids, { ...input, stage, closeDate }), { system: true, note })
}

export const convert: ActionHandler = async function convert(ctx, { record: lead, body }) {
  if (isConverted(lead)) throw alreadyConverted(ctx)
  const { input, errors } = parseConvertInput(body)
  if (input.deal && !ctx.enabled.has('deals')) {
    errors.push({ path: 'deal', code: 'deals_not_enabled', message: ctx.t('leads:error.deals_not_enabled') })
  }
  if (errors.length) throw new ValidationError(errors)

  const from: Note = { key: 'leads:history.createdFromLead', params: { lead: title(lead) }, lead: lead.id }
  const account = await part('account', () => resolveAccount(ctx, lead, input.account, from))
  const contact = await part('contact', () => resolveContact(ctx, lead, input.contact, account.id, from))
  const ids = { account: account.id, contact: contact.id }
  // What hangs on the lead (links, notes and other records filed under it, history, files) goes to the
  // contact, or to the account when the contact cannot hold it; the lead keeps its own history.
  await moveRelated(
    ctx,
    { entity: 'leads.lead', id: lead.id },
    [
      { entity: 'contacts.contact', id: contact.id },
      { entity: 'accounts.account', id: account.id },
    ],
    { key: 'leads:history.movedFromLead', params: { lead: title(lead) }, lead: lead.id },
  )

  const dealInput = input.deal
  const deal = dealInput ? await part('deal', () => createDeal(ctx, lead, dealInput, ids, from)) : null

  const params = { account: title(account), contact: title(contact), ...(deal ? { deal: title(deal) } : {}) }
  // The lead's row lock and version settle concurrent conversions: the first one wins, the others find
  // the lead converted when their turn comes and roll back everything they wrote.
  const converted = await ctx
    .records('leads.lead')
    .update(
      lead.id,
      {
        status: 'converted',
        convertedAt: ctx.core.now().toISOString(),
        convertedAccount: account.id,
        convertedContact: contact.id,
        convertedDeal: deal ? { entity: 'deals.deal', id: deal.id } : null,
      },
      lead.version,
      {
        system: true,
        note: {
          key: deal ? 'leads:history.convertedWithDeal' : 'leads:history.converted',
          params,
          ...ids,
          deal: deal?.id ?? null,
        },
      },
    )
    .catch((err) => {
      const current =
        err instanceof ConflictError ? (err.extra?.current as RecordData | undefined) : undefined
      throw isConverted(current) ? alreadyConverted(ctx) : err
    })
  return { lead: converted, account, contact, deal }
}
