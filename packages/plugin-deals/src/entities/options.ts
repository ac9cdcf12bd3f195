/** Option lists of the deals plugin. */

export const STAGE_KINDS = ['open', 'won', 'lost'] as const

export const DEAL_TYPES = ['new_business', 'existing_business'] as const
