/**
 * Hostile values for fuzzing, as fast-check arbitraries: wrong types, huge and control-character strings,
 * right-to-left and emoji text, impossible dates, SQL and HTML payloads, nested junk, huge arrays and
 * deep nesting. Valid-looking values are mixed in, so the generator also walks the accepting paths.
 * @module
 */
import fc from 'fast-check'

export const SQL_PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE accounts_account; --",
  "1' AND pg_sleep(2) IS NULL --",
  "' UNION SELECT tenant_id, id FROM core_user --",
  '"; SET ROLE postgres; --',
  "$1', current_setting('app.tenant_id'), '",
  "\\'; SELECT set_config('app.tenant_id', '00000000-0000-0000-0000-000000000000', false); --",
  '1; COPY core_user TO PROGRAM $$id$$',
]

export const HTML_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
]

export const ODD_TEXT = [
  'مرحبا بالعالم',
  '\u202Egnp.exe',
  '👩‍👩‍👧‍👦🇫🇷💶',
  'Łódź Ærø Ğüşé Tiếng Việt',
  'a\u0000b',
  '\u0000',
  '\uFEFFzéro',
  '\uD800',
  'e\u0301lodie',
  ' ',
  '\t\n\r',
]

export const BAD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-01-01',
  '2026-1-1',
  '27/11/2026',
  '2026-11-27T25:61',
  'NaN',
  '',
]

const deep = (n: number): unknown => {
  let v: unknown = 'bottom'
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v]
  return v
}

/** A hostile value of any kind. `big` allows the ~1 MB strings and 10,000-item arrays. */
export function hostileValue(big = true): fc.Arbitrary<unknown> {
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(...SQL_PAYLOADS, ...HTML_PAYLOADS, ...ODD_TEXT, ...BAD_DATES),
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'not-a-uuid',
      '01a2b3c4-0000-7000-8000-00000000000g',
    ),
    fc.object({ maxDepth: 3 }),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 20 }),
    fc.constantFrom(
      { id: "' OR 1=1" },
      { entity: 'core.user', id: '00000000-0000-0000-0000-000000000000' },
      { __proto__: { admin: true } },
    ),
    fc.constant(deep(1000)),
  ]
  if (big)
    arbs.push(
      fc.constantFrom('x'.repeat(1_000_000), 'é'.repeat(300_000), '\u0000'.repeat(10_000)),
      fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
    )
  return fc.oneof(...arbs)
}

/** Query-string values that do not parse (or barely do). */
export function hostileParam(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.constantFrom(...SQL_PAYLOADS, ...HTML_PAYLOADS, ...ODD_TEXT, ...BAD_DATES),
    fc.constantFrom(
      '-',
      ',',
      '--name',
      'name,,id',
      'a'.repeat(300),
      '1e400',
      '-1',
      '0',
      '201',
      '9'.repeat(30),
    ),
    fc
      .array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.double()), {
        maxLength: 4,
      })
      .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  )
}
