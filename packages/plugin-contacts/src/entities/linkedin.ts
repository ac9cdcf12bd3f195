/**
 * A LinkedIn profile address: a web address on linkedin.com (any subdomain, such as `fr.linkedin.com`).
 * The field's URL check runs first, so the value arrives with its scheme.
 * @module
 */

export function linkedinProfile(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  try {
    const host = new URL(value).hostname.toLowerCase()
    return host === 'linkedin.com' || host.endsWith('.linkedin.com') ? undefined : 'invalid_linkedin'
  } catch {
    return 'invalid_linkedin'
  }
}
