/** Option lists of the leads plugin. */

/** vtiger's lead statuses, plus `converted`, which only the convert action sets. */
export const LEAD_STATUSES = [
  'not_contacted',
  'attempted_to_contact',
  'contacted',
  'contact_in_future',
  'cold',
  'warm',
  'hot',
  'pre_qualified',
  'qualified',
  'junk',
  'lost',
  'converted',
] as const
