// Known-item search evaluation on the real corpus (`npm run eval:search`).
// Imports ../shared/data/saudinewsnet into a temporary SQLite database through the articles
// service (so the index is built exactly as in production), then for sampled articles builds
// queries from the headline: exact, with spelling variation, with harakat, with clitics added,
// dropped or stacked in the order Arabic writes them. Reports MRR@10 per kind for Nashra's search
// and, side by side in the same run, for plain FTS5 (unicode61, remove_diacritics) over the same
// text without the analyzer.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { connectFeatures } from '../src/app.js'
import { createArticle, ensureSection, htmlToText, paragraphsToHtml } from '../src/articles/index.js'
import { migrateToLatest, openSqlite, type Db } from '../src/db/index.js'
import { readSaudiNewsNetFile, type SaudiNewsNetRecord } from '../src/import/index.js'
import { ANALYZER_VERSION, normalizeForMatching, readySearchIndex, searchArticles, stem } from '../src/search/index.js'

const PROJECT = fileURLToPath(new URL('../../', import.meta.url))
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const VERBOSE = process.argv.includes('--verbose')
const CORPUS = resolve(args[0] ?? join(PROJECT, '../shared/data/saudinewsnet'))
const TARGETS = Number(args[1] ?? 400)
const KINDS = ['exact', 'spelling', 'harakat', 'clitics'] as const
type Kind = (typeof KINDS)[number]

type CorpusArticle = SaudiNewsNetRecord

/** Importable corpus articles (a title and a body), each original URL once, read by the importer's reader. */
async function readCorpus(dir: string): Promise<CorpusArticle[]> {
  const seen = new Set<string>()
  const articles: CorpusArticle[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.zip')).sort()) {
    for (const a of await readSaudiNewsNetFile(join(dir, file))) {
      if (!a.title?.trim() || !a.content?.trim() || seen.has(a.url)) continue
      seen.add(a.url)
      articles.push(a)
    }
  }
  return articles
}

/** Asia/Riyadh local time (UTC+3, no DST) → UTC. */
const publishedAt = (local: string) => new Date(local.replace(' ', 'T') + '+03:00')

async function importCorpus(db: Db, corpus: CorpusArticle[]): Promise<number[]> {
  const sections = new Map<string, number>()
  for (const source of new Set(corpus.map((a) => a.source))) sections.set(source, await ensureSection(db, source, source))
  const ids: number[] = []
  const now = new Date()
  for (let i = 0; i < corpus.length; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (const a of corpus.slice(i, i + 500)) {
        const at = publishedAt(a.date_extracted)
        const { id } = await createArticle(
          trx,
          { title: a.title, bodyHtml: paragraphsToHtml(a.content), bodyIsSanitized: true, titleAsGiven: true, sectionId: sections.get(a.source)!, status: 'published', publishedAt: Number.isNaN(at.getTime()) ? now : at },
          now,
        )
        ids.push(id)
      }
    })
  }
  return ids
}

/** Deterministic pseudo-random numbers: every run samples the same targets. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

const words = (text: string) => text.split(/[^\p{L}\p{N}\p{M}\u0640]+/u).filter(Boolean)
const arabicWord = (w: string) => /^[\u0621-\u064A\u0640\u064B-\u0652]{3,}$/u.test(w)

// ---- query variants (what readers and newspapers really do) ----

function spelling(word: string, random: () => number): string {
  let w = word.replace(/[أإآ]/g, 'ا').replace(/ة$/, 'ه').replace(/ى$/, 'ي')
  if (w === word) {
    if (/ي$/.test(w)) w = w.replace(/ي$/, 'ى')
    else if (/ه$/.test(w)) w = w.replace(/ه$/, 'ة')
    else if (/^ا/.test(w)) w = 'أ' + w.slice(1)
  }
  if (random() < 0.3 && Array.from(w).length >= 4) {
    const letters = Array.from(w)
    const at = 1 + Math.floor(random() * (letters.length - 2))
    letters.splice(at, 0, 'ـ')
    w = letters.join('')
  }
  return w
}

const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0652', '\u0651\u064E', '\u064B']
function harakat(word: string, random: () => number): string {
  return Array.from(word)
    .map((c) => (/[\u0628-\u064A]/.test(c) && random() < 0.7 ? c + HARAKAT[Math.floor(random() * HARAKAT.length)] : c))
    .join('')
}

// Clitics as Arabic writes them (issue 13): a conjunction (و ف), then a preposition (ب ك ل), then the
// article, and nothing before a conjunction. The corpus tells what a word takes: the article only
// before a word it writes with the article (a noun, not a name, verb or particle: «اليونيو»,
// «الهذا»), a preposition before such a noun or where the corpus writes that preposition before the
// word (ل before a verb «ليواجه», ب before a name «بباريس»; not «بيغادر»). A leading و or ف may be
// a conjunction when the corpus holds the rest more often than the word («وشعبان», not «وزير»):
// nothing is added before it («فوشعبان», «بويغادر»), and a و the reader may drop. Function words
// take a conjunction only («ولماذا», not «للماذا»).
const FUNCTION_WORDS = new Set(
  `هذا هذه ذلك تلك هذان هاتان هؤلاء أولئك الذي التي الذين اللذان اللتان اللاتي اللواتي هو هي هم هن هما نحن أنت أنتم أنا
  أن إن أنه إنه أنها إنها لأن كأن لكن لكنه لماذا ماذا كيف أين متى لم لن ما لا هل قد كل بعض غير بين بعد قبل عند منذ خلال
  حول ضد دون على عن إلى من في مع حتى ثم أو أم بل إذا إذ لو لولا لدى عبر نحو أمام خلف فوق تحت وسط رغم عليه عليها إليه
  منه منها فيه فيها الله`.split(/\s+/).map((w) => normalizeForMatching(w)),
)

/** How many times the corpus writes each folded word: what the clitic generator asks. */
type Vocabulary = Map<string, number>

function vocabularyOf(corpus: CorpusArticle[]): Vocabulary {
  const counts: Vocabulary = new Map()
  for (const a of corpus) for (const w of words(normalizeForMatching(`${a.title} ${a.content}`))) counts.set(w, (counts.get(w) ?? 0) + 1)
  return counts
}

/** The forms a reader may type for a headline word, its clitics added, dropped or stacked as Arabic writes them; none for a word that takes none. */
function clitics(word: string, vocabulary: Vocabulary): string[] {
  const n = (form: string) => vocabulary.get(normalizeForMatching(form)) ?? 0
  const f = normalizeForMatching(word)
  if (FUNCTION_WORDS.has(f)) return /^[وف]/.test(f) ? [] : ['و' + word, 'ف' + word]
  const noun = (base: string) => Array.from(base).length >= 2 && n('ال' + base) > 0
  // Dropped: «والقرار» → «القرار» / «قرار»; «للمهندسين» → «المهندسين» / «مهندسين».
  if (/^(وال|بال|فال|كال)/.test(f) && noun(word.slice(3))) return [word.slice(1), word.slice(3)]
  if (f.startsWith('لل') && noun(word.slice(2))) return ['ا' + word.slice(1), word.slice(2)]
  // A conjunction, perhaps: nothing goes before it. Only و is dropped: a bare ف is a root letter
  // as often as not, even where the rest is commoner («فكرة», «كرة»).
  if (/^[وف]/.test(f) && n(word.slice(1)) > n(word)) return f.startsWith('و') ? [word.slice(1)] : []
  // Dropped, added, stacked before the article.
  if (f.startsWith('ال') && noun(word.slice(2))) return [word.slice(2), 'و' + word, 'وب' + word, 'ف' + word, 'ل' + word.slice(1), 'ب' + word]
  const takes = (p: string) => noun(word) || n(p + word) > 0
  return [
    'و' + word,
    'ف' + word,
    ...(takes('ب') ? ['ب' + word, 'وب' + word] : []),
    ...(takes('ل') ? ['ل' + word] : []),
    ...(noun(word) ? ['ال' + word, 'وال' + word] : []),
  ]
}

function variant(kind: Kind, query: string[], random: () => number, vocabulary: Vocabulary): string {
  switch (kind) {
    case 'exact':
      return query.join(' ')
    case 'spelling':
      return query.map((w) => spelling(w, random)).join(' ')
    case 'harakat':
      return query.map((w) => harakat(w, random)).join(' ')
    case 'clitics': {
      // One or two words changed, as a reader retyping a headline would: among those that take a clitic change.
      const options = query.map((w) => clitics(w, vocabulary))
      const eligible = options.flatMap((o, i) => (o.length > 0 ? [i] : []))
      if (eligible.length === 0) return query.join(' ')
      const pick = <T>(from: T[]) => from[Math.floor(random() * from.length)]
      const changed = new Set([pick(eligible), pick(eligible)])
      return query.map((w, i) => (changed.has(i) ? pick(options[i]) : w)).join(' ')
    }
  }
}

// ---- plain FTS5, no analyzer: the baseline ----

async function buildPlain(db: Db) {
  await sql`create virtual table plain_fts using fts5(title, body, tokenize='unicode61 remove_diacritics 1')`.execute(db)
  await sql`insert into plain_fts (rowid, title, body) select id, title, body_html from article`.execute(db)
}

async function searchPlain(db: Db, query: string): Promise<number[]> {
  const terms = words(query).map((w) => `"${w.replace(/"/g, '""')}"`)
  if (terms.length === 0) return []
  const run = async (op: string) =>
    (await sql<{ id: number }>`select rowid as id from plain_fts where plain_fts match ${terms.join(op)} order by bm25(plain_fts, 10.0, 1.0) limit 10`.execute(db)).rows.map((r) => r.id)
  const all = await run(' AND ')
  return all.length >= 5 ? all : [...new Set([...all, ...(await run(' OR '))])].slice(0, 10)
}

// ---- names, loanwords and words the corpus does not hold (issue 13) ----

// Foreign people, places, companies and loanwords of the 2015 corpus, many beginning with letters
// that look like clitics (ب ك ل ف و).
const NAMES = `لوبان لوران كوباني كيري بوتين بريطانيا باريس برلين بلاتر برشلونة فرنسا فيينا فيسبوك فابيوس
  كاميرون كندا كلينتون لافروف لندن واشنطن فيفا كورونا بكين كوريا ليبيا ميركل هولاند نتنياهو روحاني
  تويتر جوجل يوتيوب سامسونج مايكروسوفت أرامكو ميسي رونالدو مورينيو إيبولا واتساب ترامب فنزويلا لوزان
  فولكس بروكسل`.split(/\s+/)
// Names and words from after 2015: no story of the corpus holds them in any form. (Not «تيك توك»,
// «ماكرون» or «نيوم»: the corpus writes tick-tock «التيك توك», the sweet «الماكرون» and Newman «نيومان».)
const ABSENT = ['كوفيد', 'كوفيد-19', 'زيلينسكي', 'أوميكرون', 'ستارلينك', 'بولسونارو', 'سوناك', 'ميتافيرس', 'كلوبهاوس', 'زووم', 'بريكست', 'ميلوني']

// A word "in some form": proclitics in Arabic's order (conjunction, preposition, article), then the word, then a suffix.
const CLITICS = ['', 'و', 'ف'].flatMap((c) => ['', 'ب', 'ك', 'ل'].flatMap((p) => [c + p, c + (p === 'ل' ? 'ل' : p + 'ال')]))
const ENDINGS = new Set(['', 'ي', 'ه', 'ها', 'هم', 'ان', 'ين', 'ون', 'ات', 'يه', 'يين', 'يون', 'ا'])
function holdsWord(text: string, word: string): boolean {
  const core = word.startsWith('ال') ? word.slice(2) : word
  return words(normalizeForMatching(text)).some((token) =>
    CLITICS.some((c) => token.startsWith(c + core) && ENDINGS.has(token.slice(c.length + core.length))),
  )
}

async function namesAndAbsentWords(db: Db, now: Date) {
  let shown = 0
  let holding = 0
  let nameMs = 0
  const perName: string[] = []
  for (const name of NAMES) {
    const started = process.hrtime.bigint()
    const outcome = await searchArticles(db, { q: name, page: 1, limit: 10, filter: {}, sort: 'relevance' }, now)
    nameMs += Number(process.hrtime.bigint() - started) / 1e6
    const ids = outcome.results.map((r) => r.article.id)
    const texts = ids.length === 0 ? [] : (await sql<{ title: string; summary: string; body_html: string }>`select title, summary, body_html from article where id in (${sql.join(ids)})`.execute(db)).rows
    const held = texts.filter((t) => holdsWord(`${t.title} ${t.summary} ${htmlToText(t.body_html)}`, normalizeForMatching(name))).length
    shown += texts.length
    holding += held
    perName.push(`${name} ${held}/${texts.length} (${outcome.total})`)
  }
  console.log(`\nNames and loanwords: ${NAMES.length} queries, ${holding} of ${shown} top-10 results hold the word in some form: precision ${(holding / Math.max(1, shown)).toFixed(3)} (goal ≥ 0.98), ${(nameMs / NAMES.length).toFixed(1)} ms/query`)
  console.log(perName.join(' · '))
  const answered: string[] = []
  let suggested = 0
  for (const word of ABSENT) {
    const outcome = await searchArticles(db, { q: word, page: 1, limit: 10, filter: {}, sort: 'relevance' }, now)
    if (outcome.total > 0) answered.push(`${word} (${outcome.total})`)
    if (outcome.didYouMean) suggested++
  }
  console.log(`Absent words: ${ABSENT.length} queries, ${answered.length} answered${answered.length ? ': ' + answered.join(', ') : ''} (goal 0); ${suggested} with «هل تقصد»`)
}

// ---- the evaluation ----

async function main() {
  connectFeatures() // article writes reach the search index, as in the CLI
  if (!existsSync(CORPUS)) {
    console.log(`eval:search skipped: corpus not found at ${CORPUS}`)
    return
  }
  // --db=<file> keeps the imported database for the next run (query-side changes need no re-import).
  const keep = process.argv.find((a) => a.startsWith('--db='))?.slice('--db='.length)
  const dir = mkdtempSync(join(tmpdir(), 'nashra-eval-'))
  const db = openSqlite(keep ? resolve(keep) : join(dir, 'eval.db'))
  try {
    await migrateToLatest(db)
    let t = Date.now()
    const corpus = await readCorpus(CORPUS)
    const vocabulary = vocabularyOf(corpus)
    console.log(`read ${corpus.length} articles (${vocabulary.size} different words) in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    t = Date.now()
    const existing = (await sql<{ n: number }>`select count(*) as n from article`.execute(db)).rows[0].n
    let ids: number[]
    if (existing === corpus.length) {
      ids = (await sql<{ id: number }>`select id from article order by id`.execute(db)).rows.map((r) => r.id)
      console.log(`reusing the ${existing} articles already in ${keep}`)
    } else if (existing > 0) {
      // A database made by `nashra import` (a copy of one: this run writes to it): articles found by their original address.
      const byUrl = new Map((await sql<{ id: number; url: string }>`select id, source_url as url from article where source_url is not null`.execute(db)).rows.map((r) => [r.url, r.id]))
      const kept = corpus.filter((a) => byUrl.has(a.url))
      corpus.splice(0, corpus.length, ...kept)
      ids = kept.map((a) => byUrl.get(a.url)!)
      console.log(`reusing the ${ids.length} corpus articles of ${existing} imported in ${keep}`)
    } else {
      ids = await importCorpus(db, corpus)
      const seconds = (Date.now() - t) / 1000
      console.log(`imported and indexed ${ids.length} articles through the articles service in ${seconds.toFixed(1)} s (${((seconds * 1000) / ids.length).toFixed(2)} ms per article)`)
      t = Date.now()
      await buildPlain(db)
      console.log(`plain FTS5 baseline built in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    }
    t = Date.now()
    if ((await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'plain_fts'`.execute(db)).rows[0].n === 0) {
      await buildPlain(db)
      console.log(`plain FTS5 baseline built in ${((Date.now() - t) / 1000).toFixed(1)} s`)
      t = Date.now()
    }
    // Merged as the importer does after a bulk load; rebuilt if an older analyzer built it.
    if ((await readySearchIndex(db)) > 0) console.log(`search index rebuilt for analyzer ${ANALYZER_VERSION} in ${((Date.now() - t) / 1000).toFixed(1)} s`)

    // Headline stems → articles, to leave out targets whose query words all occur in another headline.
    const byStem = new Map<string, Set<number>>()
    const stemsOf = (text: string) => [...new Set(words(normalizeForMatching(text)).map((w) => stem(w)))]
    corpus.forEach((a, i) => {
      for (const s of stemsOf(a.title)) {
        let set = byStem.get(s)
        if (!set) byStem.set(s, (set = new Set()))
        set.add(ids[i])
      }
    })

    const random = rng(2015)
    const targets: { id: number; query: string[] }[] = []
    let skipped = 0
    for (let tries = 0; targets.length < TARGETS && tries < TARGETS * 20; tries++) {
      const i = Math.floor(random() * corpus.length)
      const candidates = words(corpus[i].title).filter(arabicWord)
      if (candidates.length < 3) continue
      const size = Math.min(candidates.length, 3 + Math.floor(random() * 3))
      const at = Math.floor(random() * (candidates.length - size + 1))
      const query = candidates.slice(at, at + size)
      if (targets.some((x) => x.id === ids[i])) continue
      let shared: Set<number> | undefined
      for (const s of stemsOf(query.join(' '))) {
        const set = byStem.get(s) ?? new Set<number>()
        shared = shared ? new Set([...shared].filter((id) => set.has(id))) : set
      }
      if (!shared || shared.size > 1) {
        skipped++
        continue
      }
      targets.push({ id: ids[i], query })
    }
    console.log(`${targets.length} targets (${skipped} left out: their query words all occur in another headline)`)

    const now = new Date(Math.max(...corpus.map((a) => publishedAt(a.date_extracted).getTime()).filter(Number.isFinite)))
    const rows: string[] = []
    const header = `| kind | queries | Nashra MRR@10 | plain FTS5 MRR@10 | Nashra found@10 | plain found@10 | Nashra ms/query |`
    const misses: string[] = []
    let uncliticked = 0
    for (const kind of KINDS) {
      const kindRandom = rng(kind.length * 7919 + 1)
      let mrr = 0
      let plainMrr = 0
      let found = 0
      let plainFound = 0
      let ms = 0
      for (const target of targets) {
        const q = variant(kind, target.query, kindRandom, vocabulary)
        if (kind === 'clitics' && q === target.query.join(' ')) uncliticked++
        const started = process.hrtime.bigint()
        const outcome = await searchArticles(db, { q, page: 1, limit: 10, filter: {}, sort: 'relevance' }, now)
        ms += Number(process.hrtime.bigint() - started) / 1e6
        const rank = outcome.results.findIndex((r) => r.article.id === target.id)
        if (rank >= 0) {
          mrr += 1 / (rank + 1)
          found++
        }
        if (rank !== 0 && (VERBOSE || misses.length < 40)) misses.push(`${kind}\trank ${rank < 0 ? '-' : rank + 1}\t${q}\t← ${target.query.join(' ')} (#${target.id}; first #${outcome.results[0]?.article.id ?? '-'})`)
        const plainRank = (await searchPlain(db, q)).indexOf(target.id)
        if (plainRank >= 0) {
          plainMrr += 1 / (plainRank + 1)
          plainFound++
        }
      }
      const n = targets.length
      rows.push(`| ${kind} | ${n} | ${(mrr / n).toFixed(3)} | ${(plainMrr / n).toFixed(3)} | ${found} | ${plainFound} | ${(ms / n).toFixed(1)} |`)
    }
    console.log(`\nKnown-item MRR@10 on ${corpus.length} SaudiNewsNet articles (goal: every kind ≥ 0.97; exact no worse than plain FTS5)\n`)
    console.log([header, '| --- | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n'))
    console.log(`(clitics: ${uncliticked} queries left as typed, no word of theirs taking a clitic change Arabic writes)`)
    if (VERBOSE) console.log('\nqueries not ranked first:\n' + misses.join('\n'))
    await namesAndAbsentWords(db, now)
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
