/**
 * One record: GET by id at 1 and 10 concurrent clients beside the bare route's one indexed SELECT, and
 * PATCH and create beside a single-row UPDATE and INSERT through the bare route.
 * @module
 */
import type { BenchContext } from '../context'
import { httpTarget } from '../load/http-target'
import { interleave } from '../load/interleave'
import { fmt, x } from '../report/report'

export async function measureRecordReads(ctx: BenchContext): Promise<void> {
  const { scenario: sc, report } = ctx
  const ids = sc.ids
  for (const c of [1, 10]) {
    ctx.log(`measuring GET by id, ${c} client(s)`)
    let k = 0
    const pick = () => ids[k++ % ids.length]
    const s = await interleave(
      [
        httpTarget('app', {
          base: sc.session.base,
          concurrency: c,
          next: () => ({
            path: `/api/v1/records/contacts.contact/${pick()}`,
            headers: { cookie: sc.session.cookie },
          }),
        }),
        httpTarget('floor', {
          base: ctx.floor.base,
          concurrency: c,
          next: () => ({ path: `/sql/get/${pick()}` }),
        }),
      ],
      ctx.schedule,
    )
    report.summary(`get_c${c}`, s.app)
    report.summary(`get_c${c}_floor`, s.floor)
    const r = report.ratio(`get_c${c}_rps`, s.app.rps / s.floor.rps)
    report.row({
      measure: `GET by id, ${c} client${c > 1 ? 's' : ''}`,
      comptoir: fmt(s.app),
      floor: `route ${fmt(s.floor)}`,
      ratio: `req/s ${x(r)}`,
    })
    report.budget(`GET by id req/s ÷ bare route, c=${c}`, r, '>=', 0.5)
  }
}

export async function measureRecordWrites(ctx: BenchContext): Promise<void> {
  const { scenario: sc, report } = ctx
  const versions = new Map<string, number>()
  const json = { 'content-type': 'application/json', cookie: sc.session.cookie, origin: sc.session.origin }
  // The application and the floor update disjoint records, so the versions the application sends stay current.
  const appIds = sc.ids.filter((_, i) => i % 2 === 0)
  const floorIds = sc.ids.filter((_, i) => i % 2 === 1)
  let k = 0
  let lastPatched = ''
  let n = 0
  ctx.log('measuring PATCH and create')
  const s = await interleave(
    [
      httpTarget('patch', {
        base: sc.session.base,
        next: () => {
          lastPatched = appIds[k++ % appIds.length]
          return {
            method: 'PATCH',
            path: `/api/v1/records/contacts.contact/${lastPatched}`,
            headers: json,
            body: JSON.stringify({ version: versions.get(lastPatched) ?? 1, title: `Responsable ${k % 7}` }),
          }
        },
        onBody: (_w, body) => versions.set(lastPatched, JSON.parse(body).version),
      }),
      httpTarget('create', {
        base: sc.session.base,
        next: () => ({
          method: 'POST',
          path: '/api/v1/records/contacts.contact',
          headers: json,
          body: JSON.stringify({
            firstName: 'Hélène',
            lastName: `Créée ${n++}`,
            email: `helene.creee${n}@exemple.fr`,
          }),
        }),
      }),
      httpTarget('update', {
        base: ctx.floor.base,
        next: () => ({
          method: 'PATCH',
          path: `/contacts/${floorIds[k++ % floorIds.length]}`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Responsable ${k % 7}` }),
        }),
      }),
      httpTarget('insert', {
        base: ctx.floor.base,
        next: () => ({
          method: 'POST',
          path: '/contacts',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            firstName: 'Hélène',
            lastName: `Insérée ${n++}`,
            email: `helene.inseree${n}@exemple.fr`,
          }),
        }),
      }),
    ],
    ctx.schedule,
  )
  report.summary('patch', s.patch)
  report.summary('create', s.create)
  report.summary('update_floor', s.update)
  report.summary('insert_floor', s.insert)
  const rp = report.ratio('patch_p50', s.patch.p50 / s.insert.p50)
  const rc = report.ratio('create_p50', s.create.p50 / s.insert.p50)
  report.row({
    measure: 'PATCH one field',
    comptoir: fmt(s.patch),
    floor: `UPDATE ${fmt(s.update)}; INSERT ${fmt(s.insert)}`,
    ratio: `p50 ÷ INSERT ${x(rp)}`,
  })
  report.row({
    measure: 'Create a contact',
    comptoir: fmt(s.create),
    floor: `INSERT ${fmt(s.insert)}`,
    ratio: `p50 ÷ INSERT ${x(rc)}`,
  })
  report.budget('PATCH p50 ÷ single-row INSERT p50', rp, '<=', 3)
  report.budget('create p50 ÷ single-row INSERT p50', rc, '<=', 3)
}
