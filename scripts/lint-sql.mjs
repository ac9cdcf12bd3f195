// SQL lint: the three ways a tenant context or a query can be hijacked, forbidden in server code and
// migrations. Rules (see docs/reliability.md, "SQL lint"):
//   session-set        a SQL statement starting with SET (other than SET LOCAL / SET TRANSACTION /
//                      SET CONSTRAINTS) or RESET: a session setting outlives the transaction and leaks to
//                      the next user of the pooled connection.
//   set-config-session set_config(name, value, x) whose third argument is not the literal `true`.
//   request-data-sql   SQL text built from request data: a `${…}` in a SQL template literal, or a `+`
//                      next to a SQL string literal, whose expression names request data — `c.req`,
//                      `readJson(`, or a variable assigned from them (transitively) in the same file —
//                      unless the value goes through a bind placeholder (`x.add(…)`), a numeric
//                      coercion (`Number(`, `Math.…(`) or the plugin registry (`registry.entities.get(`,
//                      which answers only metadata). Values belong in parameters; text comes from
//                      metadata only.
//                      The same holds for the argument of drizzle's `sql.raw(`.
//   unsafe-outside-db  postgres.js `.unsafe(` (raw text, no parameters) outside the database drivers
//                      (packages/core/src/db).
// Scope: the code that serves tenants — packages/*/src, packages/*/drizzle and apps/server/src — without
// web/ (browser code, no SQL), testing/ and packages/reliability (test code that creates databases by
// name).
// Usage: node scripts/lint-sql.mjs [dir…]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '../..')
const SKIP_DIRS = new Set(['node_modules', 'dist', 'web', 'testing', '.comptoir', 'templates', 'meta'])
const SQL_START =
  /^\s*(--[^\n]*\n\s*)*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|GRANT|REVOKE|SET|RESET|LOCK|TRUNCATE|COPY)\b/
const SQL_WORDS = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|FROM|VALUES|RETURNING)\b/

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (
      /\.(ts|tsx|mjs|js|sql)$/.test(name) &&
      !/\.(test|spec)\.tsx?$/.test(name) &&
      !/\.d\.ts$/.test(name)
    )
      yield path
  }
}

function defaultDirs() {
  const dirs = [join(root, 'apps/server/src')]
  for (const pkg of readdirSync(join(root, 'packages'))) {
    // The reliability suite creates and drops databases by name; it never serves a tenant.
    if (pkg === 'reliability') continue
    for (const sub of ['src', 'drizzle']) {
      const d = join(root, 'packages', pkg, sub)
      try {
        if (statSync(d).isDirectory()) dirs.push(d)
      } catch {}
    }
  }
  return dirs
}

/** Splits TypeScript into strings and templates (with their `${}` expressions), skipping comments and regexes. */
function scan(src) {
  const literals = []
  const regexBefore = /[(,=:[!&|?{};+\-*%<>~^]$|\b(return|typeof|case|in|of|void|throw)$/
  let i = 0
  let last = ''
  const line = (at) => src.slice(0, at).split('\n').length
  const readTemplate = () => {
    const start = i
    i++
    let text = ''
    const parts = []
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\') {
        text += src.slice(i, i + 2)
        i += 2
      } else if (src[i] === '$' && src[i + 1] === '{') {
        let depth = 1
        let k = i + 2
        while (k < src.length && depth) {
          if (src[k] === '`') {
            const save = i
            i = k
            readTemplate()
            k = i
            i = save
            continue
          }
          if (src[k] === '{') depth++
          else if (src[k] === '}') depth--
          k++
        }
        parts.push(src.slice(i + 2, k - 1).trim())
        text += '\u0024{}'
        i = k
      } else text += src[i++]
    }
    i++
    literals.push({ kind: 'template', text, parts, line: line(start), start, end: i })
  }
  while (i < src.length) {
    const ch = src[i]
    if (ch === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i)
    else if (ch === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 2
    else if (ch === '`') {
      readTemplate()
      last = 'x'
    } else if (ch === "'" || ch === '"') {
      const start = i++
      while (i < src.length && src[i] !== ch && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1
      literals.push({
        kind: 'string',
        text: src.slice(start + 1, i),
        parts: [],
        line: line(start),
        start,
        end: i + 1,
      })
      i++
      last = 'x'
    } else if (ch === '/' && regexBefore.test(last.trimEnd() || '(')) {
      i++
      let cls = false
      while (i < src.length && (src[i] !== '/' || cls) && src[i] !== '\n') {
        if (src[i] === '\\') i++
        else if (src[i] === '[') cls = true
        else if (src[i] === ']') cls = false
        i++
      }
      i++
      last = 'x'
    } else {
      if (!/\s/.test(ch)) last = (last + ch).slice(-12)
      i++
    }
  }
  return literals
}

/** Where a declaration at `at` stops being visible: the end of its enclosing block. */
function blockEnd(src, at) {
  let depth = 0
  for (let k = at; k < src.length; k++) {
    if (src[k] === '{') depth++
    else if (src[k] === '}' && --depth < 0) return k
  }
  return src.length
}

/** The value an assignment gives, without string contents, coercions to numbers, placeholders, or a ternary's condition. */
function valueText(rhs) {
  const bare = rhs
    .replace(/'[^'\n]*'|"[^"\n]*"/g, "''")
    .replace(/\b\w+\.add\((?:[^()]|\([^()]*\))*\)/g, '$n')
    .replace(/\bregistry\.entities\.get\((?:[^()]|\([^()]*\))*\)/g, 'META')
    .replace(/\b(Number|Math\.\w+|parseInt|parseFloat)\((?:[^()]|\([^()]*\))*\)/g, '0')
  const ternary = /^[^?]*\?(?!\?|\.)([^:]*):(.*)$/.exec(bare)
  return ternary ? `${ternary[1]} ${ternary[2]}` : bare
}

/**
 * Names holding request data, each with the span of source where it is visible: assigned from `c.req…`
 * or `readJson(`, directly or through another such name visible there.
 */
function taintedSpans(src) {
  const spans = []
  const decls = [
    ...src.matchAll(
      /\b(?:const|let|var)\s+(\{[^}]*\}|\[[^\]]*\]|[A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*([^\n;]+)/g,
    ),
  ]
  let grew = true
  while (grew) {
    grew = false
    for (const m of decls) {
      if (m.tainted) continue
      const value = valueText(m[2])
      const visible = spans.filter((sp) => sp.from <= m.index && m.index <= sp.to).map((sp) => sp.name)
      const named = visible.some((n) =>
        new RegExp(`(?<![.\\w$])${n.replace(/\$/g, '\\$')}\\b(?!\\s*:)`).test(value),
      )
      if (!/c\.req\b|readJson\(/.test(value) && !named) continue
      m.tainted = true
      grew = true
      const names = m[1].startsWith('{')
        ? m[1].replace(/\w+\s*:/g, '').match(/[A-Za-z_$][\w$]*/g)
        : m[1].match(/[A-Za-z_$][\w$]*/g)
      for (const name of names ?? []) spans.push({ name, from: m.index, to: blockEnd(src, m.index) })
    }
  }
  return spans
}

function namesRequestData(expr, tainted) {
  const stripped = valueText(expr)
  if (/c\.req\b|readJson\(/.test(stripped)) return true
  for (const m of stripped.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)) if (tainted.has(m[0])) return true
  return false
}

function checkSqlText(text, report, line) {
  for (const stmt of text.split(';')) {
    const s = stmt.replace(/^\s*(--[^\n]*\n\s*)*/, '')
    if (
      /^SET\s+(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b|SESSION\s+CHARACTERISTICS\b)/.test(s) ||
      /^RESET\b/.test(s)
    )
      report('session-set', line, s.split('\n')[0].slice(0, 80))
  }
  for (const m of text.matchAll(/set_config\s*\(/gi)) {
    let depth = 1
    let k = m.index + m[0].length
    const args = ['']
    while (k < text.length && depth) {
      const ch = text[k++]
      if (ch === '(') depth++
      else if (ch === ')') depth--
      if (depth === 1 && ch === ',') args.push('')
      else if (depth) args[args.length - 1] += ch
    }
    if (args.length !== 3 || args[2].trim().toLowerCase() !== 'true')
      report('set-config-session', line, `set_config(${args.join(',')})`.slice(0, 80))
  }
}

export function lintSource(file, src) {
  const problems = []
  const report = (rule, line, what) => problems.push({ file, rule, line, what })
  if (file.endsWith('.sql')) {
    checkSqlText(src.replace(/\$\$[\s\S]*?\$\$/g, ''), (r, _l, what) => report(r, 1, what), 1)
    return problems
  }
  const spans = taintedSpans(src)
  const taintedAt = (at) => new Set(spans.filter((sp) => sp.from <= at && at <= sp.to).map((sp) => sp.name))
  const inDriver = /packages[\\/]core[\\/]src[\\/]db[\\/]/.test(file)
  for (const lit of scan(src)) {
    const text = lit.text
    const isSql =
      SQL_START.test(text) || (lit.kind === 'template' && lit.parts.length > 0 && SQL_WORDS.test(text))
    if (!isSql && !/set_config/i.test(text)) continue
    checkSqlText(text, report, lit.line)
    const tainted = taintedAt(lit.start)
    for (const part of lit.parts)
      if (namesRequestData(part, tainted)) report('request-data-sql', lit.line, `\${${part}}`)
    if (lit.kind === 'string') {
      const after = src.slice(lit.end).match(/^\s*\+\s*([^\n;,)]+)/)
      const before = src.slice(0, lit.start).match(/([^\n;,(=]+)\+\s*$/)
      for (const m of [after, before])
        if (m && namesRequestData(m[1], tainted)) report('request-data-sql', lit.line, `+ ${m[1].trim()}`)
    }
  }
  for (const m of src.matchAll(/\bsql\.raw\s*\(\s*([^\n]*)/g))
    if (namesRequestData(m[1], taintedAt(m.index)))
      report('request-data-sql', src.slice(0, m.index).split('\n').length, `sql.raw(${m[1].slice(0, 40)}`)
  if (!inDriver) {
    for (const m of src.matchAll(/\.unsafe\s*\(/g))
      report('unsafe-outside-db', src.slice(0, m.index).split('\n').length, '.unsafe(')
  }
  return problems
}

export function lintDirs(dirs) {
  const problems = []
  for (const dir of dirs)
    for (const file of files(dir)) problems.push(...lintSource(file, readFileSync(file, 'utf8')))
  return problems
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : defaultDirs()
  const problems = lintDirs(dirs)
  for (const p of problems)
    console.error(`${relative(process.cwd(), p.file)}:${p.line}  ${p.rule}  ${p.what}`)
  console.log(`lint-sql: ${problems.length} problem(s) in ${dirs.length} folder(s)`)
  process.exit(problems.length ? 1 : 0)
}
