import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
let t=Date.now()
const db = await PGlite.create({ extensions: { pg_trgm, btree_gin, unaccent } })
console.log('create', Date.now()-t)
await db.exec(`create extension pg_trgm; create extension btree_gin; create extension unaccent;
create role comptoir_app nologin;
create table t (tenant_id uuid not null, id uuid not null, name text, primary key (tenant_id,id));
alter table t enable row level security; alter table t force row level security;
create policy p on t using (tenant_id = nullif(current_setting('app.tenant_id', true),'')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true),'')::uuid);
grant select,insert,update,delete on t to comptoir_app;
create function f_unaccent(text) returns text language sql immutable parallel safe strict as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;
create index t_s on t using gin (tenant_id, f_unaccent(lower(coalesce(name,''))) gin_trgm_ops);
insert into t values ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'Élodie'), ('00000000-0000-0000-0000-000000000002', gen_random_uuid(), 'Bob');
`)
const r = await db.transaction(async tx => {
  await tx.query(`select set_config('role','comptoir_app',true), set_config('app.tenant_id',$1,true)`, ['00000000-0000-0000-0000-000000000001'])
  const a = await tx.query(`select current_user, name, f_unaccent(lower(name)) from t`)
  return a.rows
})
console.log(r)
console.log((await db.query(`select current_user, count(*) from t`)).rows)
const x = await db.query(`select $1::numeric as n, $2::date as d, now() as ts, 5::int8 as b, array['a','b'] as arr, '{"a":1}'::jsonb j`, ['12.50','2026-01-02'])
console.log(x.rows, x.fields)
console.log('elapsed', Date.now()-t)
const dump = await db.dumpDataDir('none'); console.log('dump size', dump.size)
t=Date.now(); const db2 = await PGlite.create({ loadDataDir: dump, extensions: { pg_trgm, btree_gin, unaccent } }); console.log('load', Date.now()-t, (await db2.query('select count(*) from t')).rows)
