// Are two imported databases the same? Every table row for row (except the clock: `created_at`
// columns, migration times and the content version), and the search index token by token (FTS5
// vocabularies with every position, and the per-article token counts), not its segment layout
// (the `origin` of a row in a contentless_delete table is the number of the segment it went into).
// Used to prove a faster import path writes what the old one did (issue #13, decision 026).
//   node scripts/compare-imports.mjs <before/nashra.db> <after/nashra.db>
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'

const IGNORED_COLUMNS = new Set(['created_at', 'kysely_migration.timestamp', 'article_fts_docsize.origin', 'article_title_fts_docsize.origin'])
const IGNORED_ROWS = { site_setting: `key <> 'content_version'` }
// FTS5's own storage (segments, their index, its settings): how tokens were merged, not which.
const FTS_STORAGE = /_(data|idx|config|content)$/

function digest(db, sql) {
  const hash = createHash('sha256')
  let rows = 0
  for (const row of db.prepare(sql).raw().iterate()) {
    hash.update(JSON.stringify(row))
    hash.update('\n')
    rows++
  }
  return { rows, hash: hash.digest('hex').slice(0, 16) }
}

function tablesOf(db) {
  return db
    .prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .all()
    .filter((t) => !FTS_STORAGE.test(t.name) && !/using fts5\(/i.test(t.sql ?? ''))
}

function queryFor(db, table) {
  const columns = db.prepare(`select name from pragma_table_info(?)`).all(table).map((c) => c.name).filter((c) => !IGNORED_COLUMNS.has(c) && !IGNORED_COLUMNS.has(`${table}.${c}`))
  const where = IGNORED_ROWS[table] ? ` where ${IGNORED_ROWS[table]}` : ''
  const list = columns.map((c) => `"${c}"`).join(', ')
  return `select ${list} from "${table}"${where} order by ${list}`
}

function compare(pathA, pathB) {
  const a = new Database(pathA, { readonly: true })
  const b = new Database(pathB, { readonly: true })
  const checks = []
  const namesA = tablesOf(a).map((t) => t.name)
  const namesB = tablesOf(b).map((t) => t.name)
  if (namesA.join() !== namesB.join()) checks.push({ what: 'tables', a: namesA.join(' '), b: namesB.join(' ') })
  for (const table of namesA.filter((n) => namesB.includes(n))) checks.push({ what: table, ...pair(a, b, queryFor(a, table)) })
  // Every token of every article at every position, in both indexes (temp vocabularies: nothing is written to the files).
  for (const db of [a, b]) {
    db.exec(`create virtual table temp.v_body using fts5vocab(main, article_fts, 'instance')`)
    db.exec(`create virtual table temp.v_title using fts5vocab(main, article_title_fts, 'instance')`)
  }
  checks.push({ what: 'article_fts tokens', ...pair(a, b, `select term, doc, col, offset from temp.v_body order by term, doc, col, offset`) })
  checks.push({ what: 'article_title_fts tokens', ...pair(a, b, `select term, doc, col, offset from temp.v_title order by term, doc, col, offset`) })
  a.close()
  b.close()
  return checks
}

function pair(a, b, sql) {
  const x = digest(a, sql)
  const y = digest(b, sql)
  return { a: `${x.rows} rows ${x.hash}`, b: `${y.rows} rows ${y.hash}` }
}

const [pathA, pathB] = process.argv.slice(2)
if (!pathA || !pathB) {
  console.error('usage: node scripts/compare-imports.mjs <before.db> <after.db>')
  process.exit(2)
}
let differ = 0
for (const check of compare(pathA, pathB)) {
  const same = check.a === check.b
  if (!same) differ++
  console.log(`${same ? 'same   ' : 'DIFFERS'} ${check.what}: ${same ? check.a : `${check.a} | ${check.b}`}`)
}
console.log(differ === 0 ? 'identical' : `${differ} difference(s)`)
process.exit(differ === 0 ? 0 : 1)
