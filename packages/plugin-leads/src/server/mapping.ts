/**
 * How a lead's fields carry over to the account, the contact and the deal its conversion creates.
 * Pure functions: the convert action adds what the user typed in the dialog on top.
 * @module
 */
import { ADDRESS_PARTS, type Address, frenchVatNumber, type RecordData } from '@comptoir/core'

/** Drops empty values, so the target's defaults apply. */
function compact(data: RecordData): RecordData {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== ''))
}

function address(value: unknown): Address | undefined {
  if (!value || typeof value !== 'object') return undefined
  const a = value as Address
  return ADDRESS_PARTS.some((p) => a[p]) ? a : undefined
}

export function mapLeadToAccount(lead: RecordData): RecordData {
  return compact({
    name: lead.company,
    phone: lead.phone,
    fax: lead.fax,
    website: lead.website,
    industry: lead.industry,
    rating: lead.rating,
    annualRevenue: lead.annualRevenue,
    employees: lead.employees,
    billingAddress: address(lead.address),
    siren: lead.siren,
    siret: lead.siret,
    vatNumber: typeof lead.siren === 'string' && lead.siren ? frenchVatNumber(lead.siren) : undefined,
    emailOptOut: lead.emailOptOut || undefined,
  })
}

export function mapLeadToContact(lead: RecordData, accountId: string): RecordData {
  return compact({
    salutation: lead.salutation,
    firstName: lead.firstName,
    lastName: lead.lastName,
    account: accountId,
    title: lead.title,
    email: lead.email,
    secondaryEmail: lead.secondaryEmail,
    officePhone: lead.phone,
    mobile: lead.mobile,
    fax: lead.fax,
    mailingAddress: address(lead.address),
    leadSource: lead.leadSource,
    doNotCall: lead.doNotCall || undefined,
    emailOptOut: lead.emailOptOut || undefined,
    description: lead.description,
  })
}

export interface DealInput {
  name?: string
  amount?: string | number
  closeDate?: string
  stage?: string
}

/** The deal of a conversion; `stage` and `closeDate` come resolved (the first open stage, a default date). */
export function mapLeadToDeal(
  lead: RecordData,
  ids: { account: string; contact: string },
  input: DealInput & { stage: string; closeDate: string },
): RecordData {
  return compact({
    name: input.name || lead.company,
    account: ids.account,
    contact: ids.contact,
    type: 'new_business',
    leadSource: lead.leadSource,
    amount: input.amount,
    closeDate: input.closeDate,
    stage: input.stage,
  })
}
