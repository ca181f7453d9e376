// `npm run attack`: re-runs the attacks of the hardening issue against a real server and says, per
// attack, whether the site held: no 500, no bypass, no lost write. Each attack prints one line with
// the counts by status code and PASS or FAIL against its expectation; a summary table follows, and
// the exit code is non-zero when any expectation failed.
//
//   npm run attack                      # build, then run every attack (about two minutes)
//   node dist/scripts/attack.js --keep  # keep the temp data dir and logs for inspection
//   node dist/scripts/attack.js --corpus /path/to/saudinewsnet   # (or NASHRA_ATTACK_CORPUS)
//
// What it does: a fresh temp data dir; an admin and a writer account (`nashra user add`) and an
// admin API token (`nashra token add`); `nashra serve` with NASHRA_DEMO=1 (demo content),
// NASHRA_TRUST_PROXY=1 (X-Forwarded-For from loopback is believed, so each attack speaks from
// addresses of its own) and NASHRA_LOG_LEVEL=warn, on a free loopback port. Every request goes to
// 127.0.0.1 only and every attack is bounded in count and time. The server, the second server, the
// import and reindex processes are killed on exit (errors and Ctrl-C included) and the temp dir is
// removed. Attack 5 needs the SaudiNewsNet zips (../shared/data/saudinewsnet/) and is skipped with
// a message without them; attack 7 needs Debian's `wrk`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { freePort } from './nashra-serve.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url)) // dist/scripts/ → the repository
const BIN = join(ROOT, 'bin/nashra.js')
const argValue = (name: string) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const CORPUS = argValue('--corpus') ?? process.env.NASHRA_ATTACK_CORPUS ?? join(ROOT, '../shared/data/saudinewsnet')
const CORPUS_FILES = 3 // the smallest zips: an import of about ten seconds
const KEEP = process.argv.includes('--keep')
const HOST = '127.0.0.1'

const ADMIN = { email: 'attack-admin@example.com', name: 'مدير الاختبار', password: 'attack-admin-password-1' }
const VICTIM = { email: 'attack-victim@example.com', name: 'كاتب الاختبار', password: 'attack-victim-password-1' }

// —— The run's shared state ——

interface Ctx {
  dir: string
  port: number
  base: string
  server: ChildProcess
  serverLog: string
  token: string
  adminCookie: string
  article: { id: number; path: string }
  slugs: { section: string; tag: string; author: string; word: string }
}

interface Outcome {
  n: number
  name: string
  verdict: 'PASS' | 'FAIL' | 'SKIP'
  figures: string
  expected: string
}

const outcomes: Outcome[] = []
const children = new Set<ChildProcess>()
let tempDir: string | undefined

/** Records and prints one attack's verdict: `ok` against `expected`, with the figures that show it. */
function check(n: number, name: string, ok: boolean | 'skip', figures: string, expected: string): void {
  const verdict = ok === 'skip' ? 'SKIP' : ok ? 'PASS' : 'FAIL'
  outcomes.push({ n, name, verdict, figures, expected })
  console.log(`[${n}] ${verdict} ${name}: ${figures}`)
  if (verdict === 'FAIL') console.log(`      expected: ${expected}`)
}

// —— HTTP helpers (node:http, so nothing adds Accept-Encoding or decompresses behind our back) ——

interface Res {
  status: number // 0: no answer (reset, timeout); `error` says which
  headers: IncomingHttpHeaders
  body: string
  error?: string
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 })

interface ReqOptions {
  headers?: Record<string, string>
  body?: string | Buffer
  ip?: string // sent as X-Forwarded-For (believed from loopback)
  timeoutMs?: number
}

function req(ctx: Pick<Ctx, 'port'>, method: string, path: string, options: ReqOptions = {}): Promise<Res> {
  const headers: Record<string, string | number> = { ...options.headers }
  if (options.ip) headers['x-forwarded-for'] = options.ip
  if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body)
  return new Promise((resolve) => {
    const r = httpRequest({ host: HOST, port: ctx.port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', (err) => resolve({ status: 0, headers: {}, body: '', error: (err as NodeJS.ErrnoException).code ?? err.message }))
    })
    r.setTimeout(options.timeoutMs ?? 30_000, () => r.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })))
    r.on('error', (err) => resolve({ status: 0, headers: {}, body: '', error: (err as NodeJS.ErrnoException).code ?? err.message }))
    r.end(options.body)
  })
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** A same-site form post, as a browser sends it (public forms check Origin). */
function postForm(ctx: Ctx, path: string, fields: Record<string, string>, options: ReqOptions = {}): Promise<Res> {
  return req(ctx, 'POST', path, {
    ...options,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ctx.base, ...options.headers },
    body: form(fields),
  })
}

function postJson(ctx: Ctx, path: string, body: unknown, options: ReqOptions = {}): Promise<Res> {
  return req(ctx, 'POST', path, {
    ...options,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const bearer = (ctx: Ctx) => ({ authorization: `Bearer ${ctx.token}` })

function cookieFrom(res: Res, name: string): string | undefined {
  for (const line of res.headers['set-cookie'] ?? []) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line)
    if (match && match[1]) return match[1]
  }
  return undefined
}

function jsonOf(res: Res): any {
  try {
    return JSON.parse(res.body)
  } catch {
    return undefined
  }
}

/** `303×5 429×55`: how many answers had each status (ERR: no answer). */
function tally(statuses: Array<number | string>): string {
  const counts = new Map<string, number>()
  for (const s of statuses) counts.set(String(s || 'ERR'), (counts.get(String(s || 'ERR')) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(' ') || 'none'
}

const count = (list: Res[], pred: (r: Res) => boolean) => list.filter(pred).length
const is5xx = (r: Res) => r.status >= 500 || r.status === 0
/** A distinct client address per attack and request: 10.<attack>.<hi>.<lo>. */
const addr = (attack: number, i: number) => `10.${attack}.${(i >> 8) & 255}.${i & 255}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const hasArabic = (text: string) => /[\u0600-\u06ff]/.test(text)

/** A redirect target that stays on this site: a single leading `/`, no control characters, same origin once parsed. */
function isSameSitePath(ctx: Ctx, location: string | undefined): boolean {
  if (!location || !location.startsWith('/') || /^\/[/\\]/.test(location) || /[\u0000-\u0020\u007f\\]/.test(location)) return false
  try {
    return new URL(location, ctx.base).origin === ctx.base
  } catch {
    return false
  }
}

// —— Processes ——

/** The server's environment: this run's data dir and port; settings of the caller's shell that would change what is attacked are dropped. */
function nashraEnv(dir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of Object.keys(env)) if (name.startsWith('NASHRA_') || name === 'DATABASE_URL') delete env[name]
  return { ...env, NASHRA_DATA_DIR: dir, HOST, PORT: String(port), NASHRA_DEMO: '1', NASHRA_TRUST_PROXY: '1', NASHRA_LOG_LEVEL: 'warn' }
}

/** A `nashra` command run to its end (accounts, token); throws with its output when it fails. */
function nashraSync(dir: string, args: string[], input?: string): string {
  const env = nashraEnv(dir, 0)
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, input, encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) throw new Error(`nashra ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`)
  return result.stdout
}

/** A `nashra` command in the background, its output going to `logFile`; killed on exit. */
function nashraSpawn(dir: string, port: number, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a')
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: nashraEnv(dir, port), stdio: ['ignore', fd, fd] })
  closeSync(fd)
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('running'), timeoutMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve(code ?? signal)
    })
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  if ((await exited(child, 5000)) === 'running') child.kill('SIGKILL')
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) return false
    const res = await req({ port }, 'GET', '/healthz', { timeoutMs: 2000 })
    if (res.status === 200) return true
    await sleep(200)
  }
  return false
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return kb / 1024
}

function cleanup(): void {
  for (const child of children) child.kill('SIGKILL')
  if (tempDir && !KEEP) rmSync(tempDir, { recursive: true, force: true })
}

// —— Setup ——

async function setUp(): Promise<Ctx> {
  const dir = mkdtempSync(join(tmpdir(), 'nashra-attack-'))
  tempDir = dir
  nashraSync(dir, ['user', 'add', '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'admin'], `${ADMIN.password}\n`)
  nashraSync(dir, ['user', 'add', '--email', VICTIM.email, '--name', VICTIM.name, '--role', 'writer'], `${VICTIM.password}\n`)
  const token = nashraSync(dir, ['token', 'add', '--email', ADMIN.email]).trim().split('\n').pop()!.trim()

  const port = await freePort()
  const serverLog = join(dir, 'server.log')
  const server = nashraSpawn(dir, port, ['serve'], serverLog)
  if (!(await waitForHealth(port, server, 60_000))) throw new Error(`the server did not start; its log:\n${readFileSync(serverLog, 'utf8').slice(-3000)}`)
  const ctx: Ctx = { dir, port, base: `http://${HOST}:${port}`, server, serverLog, token, adminCookie: '', article: { id: 0, path: '' }, slugs: { section: '', tag: '', author: '', word: '' } }

  const session = await signIn(ctx, ADMIN, addr(0, 1), '/newsroom')
  if (!session.cookie) throw new Error(`the admin could not sign in: ${session.res.status}`)
  ctx.adminCookie = `nashra_session=${session.cookie}`

  const list = jsonOf(await req(ctx, 'GET', '/api/v1/articles?limit=100'))
  const articles: Array<{ id: number; url: string; title: string; section: { slug: string }; tags: { slug: string }[]; authors: { slug: string }[] }> = list?.articles ?? []
  if (articles.length === 0) throw new Error('no demo articles')
  ctx.article = { id: articles[0].id, path: new URL(articles[0].url).pathname }
  ctx.slugs = {
    section: articles[0].section.slug,
    tag: articles.find((a) => a.tags.length)?.tags[0].slug ?? 'none',
    author: articles.find((a) => a.authors.length)?.authors[0].slug ?? 'none',
    word: articles[0].title.split(/\s+/)[0],
  }
  return ctx
}

/** The login form (its cookie and token), read as a browser would before posting. */
async function loginForm(ctx: Ctx, ip: string): Promise<{ cookie: string; csrf: string }> {
  const page = await req(ctx, 'GET', '/newsroom/login', { ip })
  const cookie = cookieFrom(page, 'nashra_login')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
  if (!cookie || !csrf) throw new Error(`the login page carries no form token (status ${page.status})`)
  return { cookie, csrf }
}

async function signIn(ctx: Ctx, account: { email: string; password: string }, ip: string, next: string): Promise<{ res: Res; cookie?: string }> {
  const { cookie, csrf } = await loginForm(ctx, ip)
  const res = await postForm(ctx, '/newsroom/login', { email: account.email, password: account.password, next, _csrf: csrf }, { ip, headers: { cookie: `nashra_login=${cookie}` } })
  return { res, cookie: res.status === 303 ? cookieFrom(res, 'nashra_session') : undefined }
}

// —— 1. Parallel sign-in ——

async function attackParallelSignIn(ctx: Ctx): Promise<void> {
  // 60 at once on one account from one address: 59 wrong passwords, the last one right.
  const ip = addr(1, 1)
  const { cookie, csrf } = await loginForm(ctx, ip)
  const guesses = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      postForm(ctx, '/newsroom/login', { email: VICTIM.email, password: i === 59 ? VICTIM.password : `wrong-${i}`, next: '/newsroom', _csrf: csrf }, { ip, headers: { cookie: `nashra_login=${cookie}` } }),
    ),
  )
  const signedIn = count(guesses, (r) => r.status === 303)
  const checked = count(guesses, (r) => r.status === 401) + signedIn
  const refused = count(guesses, (r) => r.status === 429)

  // 200 at once across 200 emails from one (other) address: the per-address limit holds.
  const ip2 = addr(1, 2)
  const second = await loginForm(ctx, ip2)
  const spray = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      postForm(ctx, '/newsroom/login', { email: `nobody-${i}@example.com`, password: `guess-${i}`, next: '/newsroom', _csrf: second.csrf }, { ip: ip2, headers: { cookie: `nashra_login=${second.cookie}` } }),
    ),
  )
  const sprayChecked = count(spray, (r) => r.status === 401 || r.status === 303)
  const sprayRefused = count(spray, (r) => r.status === 429)

  const ok = signedIn === 0 && checked <= 5 && checked + refused === 60 && sprayChecked <= 20 && sprayChecked + sprayRefused === 200
  check(
    1,
    'parallel sign-in',
    ok,
    `60 on one account → ${tally(guesses.map((r) => r.status))} (signed in ${signedIn}, checked ${checked}); 200 emails from one address → ${tally(spray.map((r) => r.status))} (checked ${sprayChecked})`,
    'one account: 0 signed in (303), ≤5 checked (401), the rest 429; 200 emails: ≤20 checked, the rest 429',
  )
}

// —— 2. Poisoned reports ——

async function attackPoisonedReports(ctx: Ctx): Promise<void> {
  const targets = await approvedComments(ctx, 2)
  if (targets.length === 0) return check(2, 'poisoned reports', false, 'no approved demo comment found', 'demo content has approved comments')
  const reasons = [
    ['constructor', '__proto__', 'toString'],
    ['hasOwnProperty', 'valueOf', '__defineGetter__'],
  ]
  const reports: Res[] = []
  let ip = 0
  for (const [i, id] of targets.entries()) {
    for (const reason of reasons[i]) {
      reports.push(await postForm(ctx, `/comments/report/${id}`, { reason, details: reason }, { ip: addr(2, ++ip) }))
    }
  }
  const cookie = { cookie: ctx.adminCookie }
  const reportedQueue = await req(ctx, 'GET', '/newsroom/comments?status=reported', { headers: cookie })
  const pendingQueue = await req(ctx, 'GET', '/newsroom/comments', { headers: cookie })
  const api = await req(ctx, 'GET', '/api/v1/admin/comments?reported=true', { headers: bearer(ctx) })
  const accepted = count(reports, (r) => r.status === 303)
  const ok = accepted === reports.length && reportedQueue.status === 200 && pendingQueue.status === 200 && api.status === 200
  check(
    2,
    'poisoned reports',
    ok,
    `${reports.length} reports (${reasons.flat().slice(0, reports.length).join(', ')}) on comments ${targets.join(', ')} from ${ip} addresses → ${tally(reports.map((r) => r.status))}; queue ?status=reported ${reportedQueue.status}, queue ${pendingQueue.status}, admin API reported ${api.status}`,
    'every report 303; /newsroom/comments?status=reported, /newsroom/comments and the admin API list 200',
  )
}

/** Up to `n` approved comments on published demo articles, each on a different article. */
async function approvedComments(ctx: Ctx, n: number): Promise<number[]> {
  const list = jsonOf(await req(ctx, 'GET', '/api/v1/articles?limit=100'))
  const ids: number[] = []
  for (const article of list?.articles ?? []) {
    const comments = jsonOf(await req(ctx, 'GET', `/api/v1/articles/${article.id}/comments?limit=100`))
    const top = (comments?.comments ?? []).find((c: { parentId: number | null }) => c.parentId === null)
    if (top) ids.push(top.id)
    if (ids.length === n) break
  }
  return ids
}

// —— 3. Redirects ——

const HOSTILE_TARGETS = [
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example',
  '/مقالات\r\nSet-Cookie: x=1',
  'javascript:alert(1)',
]

async function attackRedirects(ctx: Ctx): Promise<void> {
  const answers: Array<{ how: string; target: string; res: Res }> = []
  let ip = 0
  for (const target of HOSTILE_TARGETS) {
    // The skin form's `return`.
    answers.push({ how: 'skin return', target, res: await postForm(ctx, '/preferences/skin', { skin: 'dark', return: target }, { ip: addr(3, ++ip) }) })
    // `?next=` on the login page while signed in: redirects at once.
    answers.push({ how: 'GET login ?next (signed in)', target, res: await req(ctx, 'GET', `/newsroom/login?next=${encodeURIComponent(target)}`, { headers: { cookie: ctx.adminCookie }, ip: addr(3, ++ip) }) })
    // `next` in the sign-in form itself, with the right password, from a fresh address.
    answers.push({ how: 'POST login next', target, res: (await signIn(ctx, ADMIN, addr(3, ++ip), target)).res })
  }
  const bad = answers.filter(({ res }) => res.status !== 303 || !isSameSitePath(ctx, res.headers.location) || (res.headers['set-cookie'] ?? []).some((c) => c.startsWith('x=')))
  const shown = bad.slice(0, 4).map(({ how, target, res }) => `${how} ${JSON.stringify(target)} → ${res.status} ${JSON.stringify(res.headers.location ?? '')}`)
  check(
    3,
    'redirects',
    bad.length === 0,
    `${answers.length} (${HOSTILE_TARGETS.length} targets × skin return, GET ?next, POST next) → ${tally(answers.map((a) => a.res.status))}; off-site or refused: ${bad.length}${shown.length ? ` (${shown.join('; ')})` : ''}`,
    'every answer a 303 to a same-site path (a single leading /, no //, no /\\, no control characters, no injected header)',
  )
}

// —— 4. Numbers ——

const HOSTILE_NUMBERS = ['Infinity', '-Infinity', '1e309', '0x10', '1.5', 'NaN', '']

async function attackNumbers(ctx: Ctx): Promise<void> {
  const { section, tag, author, word } = ctx.slugs
  const api = [`/api/v1/articles`, `/api/v1/search?q=${encodeURIComponent(word)}`, `/api/v1/articles/${ctx.article.id}/comments`]
  const pages = [`/section/${section}`, `/tag/${tag}`, `/author/${author}`, `/`]
  const apiAnswers: Res[] = []
  const apiWrong: string[] = []
  const pageAnswers: Res[] = []
  for (const param of ['page', 'limit']) {
    for (const value of HOSTILE_NUMBERS) {
      for (const path of api) {
        const url = `${path}${path.includes('?') ? '&' : '?'}${param}=${encodeURIComponent(value)}`
        const res = await req(ctx, 'GET', url)
        apiAnswers.push(res)
        if (res.status !== 400 || jsonOf(res)?.error?.field !== param) apiWrong.push(`${url} → ${res.status}`)
      }
      for (const path of pages) pageAnswers.push(await req(ctx, 'GET', `${path}?${param}=${encodeURIComponent(value)}`))
    }
  }

  // Wrong types in JSON bodies: the admin API (Bearer) and the public comment API.
  const admin = await adminWrongTypes(ctx)
  const ok = apiWrong.length === 0 && !pageAnswers.some(is5xx) && admin.wrong.length === 0
  check(
    4,
    'numbers',
    ok,
    `/api (${apiAnswers.length}) → ${tally(apiAnswers.map((r) => r.status))}, not a 400 naming the parameter: ${apiWrong.length}${apiWrong.length ? ` (${apiWrong.slice(0, 3).join('; ')}…)` : ''}; ` +
      `pages (${pageAnswers.length}) → ${tally(pageAnswers.map((r) => r.status))}; wrong JSON types (${admin.answers.length}) → ${tally(admin.answers.map((r) => r.status))}` +
      `${admin.wrong.length ? `, not a 400 naming the field: ${admin.wrong.join('; ')}` : ''}${admin.notes.length ? `; ${admin.notes.join('; ')}` : ''}`,
    'no 5xx; under /api a 400 JSON whose field names the parameter (page/limit × Infinity, -Infinity, 1e309, 0x10, 1.5, NaN, empty) or the mistyped field',
  )
}

async function adminWrongTypes(ctx: Ctx): Promise<{ answers: Res[]; wrong: string[]; notes: string[] }> {
  const answers: Res[] = []
  const wrong: string[] = []
  const notes: string[] = []
  const comment = (await approvedComments(ctx, 1))[0] ?? 1
  const article = { title: 'عنوان تجريبي', bodyHtml: '<p>نص</p>', section: ctx.slugs.section, status: 'draft' }
  const cases: Array<{ method: string; path: string; body: string; field: string; auth?: boolean }> = [
    { method: 'POST', path: '/api/v1/admin/articles', body: JSON.stringify({ ...article, bodyHtml: 5 }), field: 'bodyHtml', auth: true },
    { method: 'POST', path: '/api/v1/admin/articles', body: JSON.stringify({ ...article, title: ['x'] }), field: 'title', auth: true },
    { method: 'POST', path: '/api/v1/admin/articles', body: JSON.stringify({ ...article, tags: 'x' }), field: 'tags', auth: true },
    { method: 'POST', path: '/api/v1/admin/articles', body: JSON.stringify({ ...article, status: 'live' }), field: 'status', auth: true },
    { method: 'PATCH', path: `/api/v1/admin/comments/${comment}`, body: JSON.stringify({ name: 5, email: 'a@example.com', body: 'x' }), field: 'name', auth: true },
    { method: 'POST', path: `/api/v1/admin/comments/${comment}/approve`, body: JSON.stringify({ reason: 5 }), field: 'reason', auth: true },
    { method: 'POST', path: `/api/v1/admin/comments/${comment}/approve`, body: JSON.stringify({ reason: { text: 'x' } }), field: 'reason', auth: true },
    { method: 'POST', path: `/api/v1/admin/comments/${comment}/replies`, body: JSON.stringify({ body: { text: 'x' } }), field: 'body', auth: true },
    { method: 'GET', path: '/api/v1/admin/comments?limit=Infinity', body: '', field: 'limit', auth: true },
    { method: 'POST', path: `/api/v1/articles/${ctx.article.id}/comments`, body: JSON.stringify({ name: 5, email: 'a@example.com', body: 'نص' }), field: 'name' },
    { method: 'POST', path: `/api/v1/articles/${ctx.article.id}/comments`, body: '{"name":"س","email":"a@example.com","body":"نص","parentId":1e309}', field: 'parentId' },
  ]
  let ip = 0
  for (const c of cases) {
    const headers: Record<string, string> = { accept: 'application/json', ...(c.auth ? bearer(ctx) : {}) }
    if (c.body) headers['content-type'] = 'application/json'
    const res = await req(ctx, c.method, c.path, { headers, body: c.body || undefined, ip: addr(4, ++ip) })
    answers.push(res)
    const field = jsonOf(res)?.error?.field
    if (res.status === 404 && c.path.startsWith('/api/v1/admin/articles')) {
      if (!notes.length) notes.push('POST /api/v1/admin/articles: no such route on this branch (404), not counted')
      continue
    }
    if (res.status !== 400 || field !== c.field) wrong.push(`${c.method} ${c.path} ${c.field} → ${res.status}${field ? ` field ${field}` : ''}`)
  }
  return { answers, wrong, notes }
}

// —— 5. Writes during an import, and during a reindex ——

async function attackWritesDuringImport(ctx: Ctx): Promise<void> {
  const zips = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.zip')) : []
  if (zips.length === 0) return check(5, 'writes during an import', 'skip', `skipped: no SaudiNewsNet zips in ${CORPUS} (--corpus DIR or NASHRA_ATTACK_CORPUS)`, 'the corpus is present')
  const chosen = zips.map((f) => join(CORPUS, f)).sort((a, b) => statSync(a).size - statSync(b).size).slice(0, CORPUS_FILES)
  const marker = `attack-${randomBytes(6).toString('hex')}`

  const importRun = await postWhile(ctx, marker, 0, ['import', 'saudinewsnet', ...chosen], join(ctx.dir, 'import.log'), 120_000)
  const reindexRun = await postWhile(ctx, marker, 10_000, ['reindex'], join(ctx.dir, 'reindex.log'), 90_000)

  // Every accepted comment must be in the database: opened read-only beside the server.
  const db = new Database(join(ctx.dir, 'nashra.db'), { readonly: true, fileMustExist: true })
  const stored = new Set((db.prepare('SELECT id FROM comment WHERE body LIKE ?').all(`%${marker}%`) as { id: number }[]).map((r) => r.id))
  db.close()
  const lines: string[] = []
  let ok = true
  for (const [what, run] of [['import', importRun], ['reindex', reindexRun]] as const) {
    const accepted = run.answers.filter((a) => a.res.status === 202).map((a) => jsonOf(a.res)?.id as number)
    const lost = accepted.filter((id) => !stored.has(id)).length
    const errors = count(run.answers.map((a) => a.res), is5xx)
    const output = readFileSync(run.log, 'utf8').trim().split('\n')
    const summary = output.find((l) => /^(imported|reindexed|nashra:)/.test(l)) ?? output.pop() ?? ''
    ok &&= errors === 0 && lost === 0 && run.exit === 0
    lines.push(
      `${what} (${run.seconds.toFixed(0)} s, exit ${run.exit}: ${summary.slice(0, 200)}) × ${run.answers.length} comments → ${tally(run.answers.map((a) => a.res.status))}, accepted ${accepted.length}, stored ${accepted.length - lost}, lost ${lost}`,
    )
  }
  const answered = new Set([...importRun.answers, ...reindexRun.answers].filter((a) => a.res.status === 202).map((a) => jsonOf(a.res)?.id as number))
  const unanswered = [...stored].filter((id) => !answered.has(id)).length
  if (unanswered) lines.push(`${unanswered} stored though not answered 202`)
  check(5, `writes during an import (${chosen.length} zips) and a reindex`, ok, lines.join(' | '), 'no 5xx, every accepted comment (202) in the database, both commands exit 0')
}

interface PostRun {
  answers: Array<{ n: number; res: Res }>
  exit: number | string | null
  seconds: number
  log: string
}

/**
 * Runs `nashra <args>` on the server's data dir and, for as long as it runs (at most `maxMs`, then it
 * is killed), posts comments through the JSON API: 20 a second, each from its own address and email
 * so the flood rules refuse none, numbered from `offset`. Then waits for every answer.
 */
async function postWhile(ctx: Ctx, marker: string, offset: number, args: string[], log: string, maxMs: number): Promise<PostRun> {
  const started = Date.now()
  const child = nashraSpawn(ctx.dir, 0, args, log)
  const pending: Array<Promise<{ n: number; res: Res }>> = []
  let n = offset
  while (child.exitCode === null && child.signalCode === null && Date.now() - started < maxMs) {
    const i = ++n
    const body = { name: `قارئ ${i}`, email: `reader-${i}-${marker}@example.com`, body: `تعليق أثناء العمل الثقيل رقم ${i} ${marker}` }
    pending.push(postJson(ctx, `/api/v1/articles/${ctx.article.id}/comments`, body, { ip: addr(5, i) }).then((res) => ({ n: i, res })))
    await sleep(50)
  }
  const exit = await exited(child, 0)
  if (exit === 'running') await stop(child)
  return { answers: await Promise.all(pending), exit, seconds: (Date.now() - started) / 1000, log }
}

// —— 6. Two servers ——

async function attackTwoServers(ctx: Ctx): Promise<void> {
  const port = await freePort()
  const log = join(ctx.dir, 'second-server.log')
  const second = nashraSpawn(ctx.dir, port, ['serve'], log)
  const up = await waitForHealth(port, second, 15_000)
  const exit = up ? 'running' : await exited(second, 5000)
  if (exit === 'running') await stop(second)
  const output = readFileSync(log, 'utf8').trim()
  const message = output.split('\n').filter(Boolean).pop() ?? ''
  const firstStillUp = (await req(ctx, 'GET', '/healthz')).status === 200
  const ok = !up && typeof exit === 'number' && exit !== 0 && /lock|already|in use|another/i.test(output) && firstStillUp
  check(
    6,
    'two servers',
    ok,
    `second serve on the same data dir → ${up ? `started and answered on port ${port} (killed)` : `exit ${exit}`}${message ? `: ${message.slice(0, 140)}` : ''}; first server ${firstStillUp ? 'still up' : 'DOWN'}`,
    'the second serve exits non-zero with a message about the lock; the first keeps serving',
  )
}

// —— 7. Tracking parameters ——

async function attackTrackingParams(ctx: Ctx): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) return check(7, 'tracking parameters', 'skip', 'skipped: wrk is not installed (apt-get install wrk)', 'wrk present')
  const path = ctx.article.path
  await req(ctx, 'GET', path) // rendered and cached once
  const script = join(ctx.dir, 'tracking.lua')
  writeFileSync(
    script,
    `-- a new fbclid per request, so every URL is one the server has never seen
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  n = 0
end
function request()
  n = n + 1
  return wrk.format("GET", "${path}?utm_source=x&fbclid=" .. tid .. "x" .. n)
end
`,
  )
  const before = rssMb(ctx.server.pid)
  const plain = await wrk([`${ctx.base}${path}`])
  const middle = rssMb(ctx.server.pid)
  const tracked = await wrk(['-s', script, ctx.base])
  const after = rssMb(ctx.server.pid)
  const ratio = plain.rps > 0 ? tracked.rps / plain.rps : 0
  const growth = after - middle
  check(
    7,
    'tracking parameters',
    ratio >= 0.5 && growth < 100 && plain.errors === 0 && tracked.errors === 0,
    `plain ${plain.rps.toFixed(0)} req/s${plain.errors ? ` (${plain.errors} non-2xx/errors)` : ''}, unique ?utm_source&fbclid ${tracked.rps.toFixed(0)} req/s${tracked.errors ? ` (${tracked.errors} non-2xx/errors)` : ''}, ratio ${ratio.toFixed(2)}; RSS ${before.toFixed(0)} → ${middle.toFixed(0)} → ${after.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB during the tracking run)`,
    'ratio ≥ 0.5 and RSS growth < 100 MB (wrk 5 s, 2 threads, 20 connections)',
  )
}

async function wrk(args: string[]): Promise<{ rps: number; errors: number }> {
  const child = spawn('wrk', ['-t2', '-c20', '-d5s', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  if ((await exited(child, 30_000)) === 'running') await stop(child)
  children.delete(child)
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, x) => sum + Number(x), 0) : 0)
  if (!rps) console.log(`      wrk ${args.join(' ')}: ${out.trim().slice(0, 300)}`)
  return { rps, errors }
}

// —— 8. Oversized bodies, headers and addresses ——

interface RawAnswer {
  status: number | string
  headers: Record<string, string>
  body: string
}

/**
 * A client that writes its whole request before reading a byte of the answer, as simple clients and
 * proxies do, at a pace a real network gives (256 KiB every 5 ms): a server that answers early and
 * closes leaves it with a broken pipe or a reset, never the 413 it wrote.
 */
function rawExchange(ctx: Ctx, head: string, body: Buffer = Buffer.alloc(0), timeoutMs = 20_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port: ctx.port })
    socket.pause() // not a byte read until everything is written
    const chunks: Buffer[] = []
    let settled = false
    const finish = (error?: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(parseRaw(Buffer.concat(chunks), error))
    }
    const timer = setTimeout(() => finish('TIMEOUT'), timeoutMs)
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message))
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('end', () => finish())
    socket.on('close', () => finish())
    const write = (data: Buffer) => new Promise<string | undefined>((done) => socket.write(data, (err) => done(err ? ((err as NodeJS.ErrnoException).code ?? err.message) : undefined)))
    void (async () => {
      let error = await write(Buffer.from(head, 'latin1'))
      for (let at = 0; at < body.length && !error && !settled; at += 256 * 1024) {
        await sleep(5)
        error = await write(body.subarray(at, at + 256 * 1024))
      }
      if (error) finish(error)
      else socket.resume()
    })()
  })
}

function parseRaw(raw: Buffer, error?: string): RawAnswer {
  const split = raw.indexOf('\r\n\r\n')
  if (split < 0) return { status: error ?? 'NO ANSWER', headers: {}, body: '' }
  const lines = raw.subarray(0, split).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1] ?? 0) || lines[0]
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = raw.subarray(split + 4)
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = unchunk(body)
  return { status, headers, body: body.toString('utf8') }
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  while (at < data.length) {
    const eol = data.indexOf('\r\n', at)
    if (eol < 0) break
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16)
    if (!size) break
    parts.push(data.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

async function attackOversized(ctx: Ctx): Promise<void> {
  const MIB2 = 2 * 1024 * 1024
  const host = `${HOST}:${ctx.port}`
  const formPrefix = 'name=%D9%82%D8%A7%D8%B1%D8%A6&email=big%40example.com&body='
  const formBody = Buffer.from(formPrefix + 'a'.repeat(MIB2 - formPrefix.length))
  const jsonPrefix = '{"name":"قارئ","email":"big@example.com","body":"'
  const jsonPad = MIB2 - Buffer.byteLength(jsonPrefix) - 2
  const jsonBody = Buffer.from(jsonPrefix + 'a'.repeat(jsonPad) + '"}')
  const head = (path: string, type: string, length: number, ip: string) =>
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${ctx.base}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nX-Forwarded-For: ${ip}\r\nConnection: close\r\n\r\n`

  const formAnswer = await rawExchange(ctx, head(`/comments/${ctx.article.id}`, 'application/x-www-form-urlencoded', formBody.length, addr(8, 1)), formBody)
  const jsonAnswer = await rawExchange(ctx, head(`/api/v1/articles/${ctx.article.id}/comments`, 'application/json', jsonBody.length, addr(8, 2)), jsonBody)
  const bigHeader = await rawExchange(ctx, `GET /api/v1/articles HTTP/1.1\r\nHost: ${host}\r\nX-Pad: ${'a'.repeat(20 * 1024)}\r\nConnection: close\r\n\r\n`)
  const longUrl = await rawExchange(ctx, `GET /api/v1/articles?pad=${'a'.repeat(8 * 1024)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)

  const appJson = (a: RawAnswer) => {
    try {
      const error = JSON.parse(a.body)?.error
      return typeof error?.code === 'string' && typeof error?.message === 'string' && hasArabic(error.message)
    } catch {
      return false
    }
  }
  const results = [
    { what: '2 MiB form POST', a: formAnswer, ok: formAnswer.status === 413 && hasArabic(formAnswer.body) },
    { what: '2 MiB JSON POST /api', a: jsonAnswer, ok: jsonAnswer.status === 413 && appJson(jsonAnswer) },
    { what: '20 KB header /api', a: bigHeader, ok: bigHeader.status === 431 && appJson(bigHeader) },
    { what: '8 KB URL /api', a: longUrl, ok: longUrl.status === 414 && appJson(longUrl) },
  ]
  const kind = (a: RawAnswer) => (a.headers['content-type'] ?? 'no body').split(';')[0] + (a.body && !a.body.startsWith('<') ? ` ${a.body.slice(0, 60)}` : '')
  check(
    8,
    'oversized bodies',
    results.every((r) => r.ok),
    results.map((r) => `${r.what} → ${r.a.status} ${kind(r.a)}${r.ok ? '' : ' ✗'}`).join('; '),
    '2 MiB bodies written in full → 413 with the Arabic message (JSON under /api); 20 KB header → 431 and 8 KB URL → 414, both as JSON {error:{code,message}} under /api',
  )
}

// —— 9. Accept-Encoding q=0 and If-None-Match * ——

async function attackCacheHeaders(ctx: Ctx): Promise<void> {
  const path = ctx.article.path
  await req(ctx, 'GET', path)
  const refused: Res[] = []
  const star: Res[] = []
  for (let i = 0; i < 2; i++) {
    // Twice each: the first may take the full path, the second the cache's hot path.
    refused.push(await req(ctx, 'GET', path, { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } }))
    star.push(await req(ctx, 'GET', path, { headers: { 'if-none-match': '*' } }))
  }
  const encodings = refused.map((r) => r.headers['content-encoding'] ?? 'identity')
  const ok = refused.every((r, i) => r.status === 200 && (encodings[i] === 'identity')) && star.every((r) => r.status === 304)
  check(
    9,
    'Accept-Encoding q=0, If-None-Match *',
    ok,
    `br;q=0, gzip;q=0 → ${refused.map((r, i) => `${r.status} ${encodings[i]}`).join(', ')}; If-None-Match: * → ${star.map((r) => r.status).join(', ')}`,
    'no br/gzip when both are refused with q=0; If-None-Match: * → 304',
  )
}

// —— The server's own log ——

function checkServerLog(ctx: Ctx): void {
  const lines = readFileSync(ctx.serverLog, 'utf8').split('\n').filter((l) => /unhandled error|\b500\b/i.test(l))
  const messages = new Map<string, number>()
  for (const line of lines) {
    let text = line.slice(0, 120)
    try {
      const entry = JSON.parse(line)
      text = `${entry.err?.code ?? entry.err?.type ?? ''} ${String(entry.err?.message ?? entry.msg).split('\n')[0]}`.trim().slice(0, 100)
    } catch {}
    messages.set(text, (messages.get(text) ?? 0) + 1)
  }
  const top = [...messages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([m, n]) => `${n}× ${m}`)
  check(10, 'server log', lines.length === 0, `${lines.length} lines mention 500 or "unhandled error"${top.length ? `: ${top.join('; ')}` : ''}`, 'no 500 logged')
}

// —— Run ——

function printSummary(): void {
  console.log('\n  #  verdict  attack')
  for (const o of [...outcomes].sort((a, b) => a.n - b.n)) console.log(`${String(o.n).padStart(3)}  ${o.verdict.padEnd(7)}  ${o.name}`)
  const failed = outcomes.filter((o) => o.verdict === 'FAIL').length
  const skipped = outcomes.filter((o) => o.verdict === 'SKIP').length
  console.log(`\n${outcomes.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`)
}

async function main(): Promise<void> {
  const started = Date.now()
  const ctx = await setUp()
  console.log(`nashra attack run: server pid ${ctx.server.pid} on ${ctx.base}, data dir ${ctx.dir}${KEEP ? ' (kept)' : ''}, demo article ${ctx.article.path}\n`)
  // Each attack is caught on its own: a script error counts as a failure, the others still run.
  const attacks: Array<[number, string, (ctx: Ctx) => Promise<void>]> = [
    [1, 'parallel sign-in', attackParallelSignIn],
    [2, 'poisoned reports', attackPoisonedReports],
    [3, 'redirects', attackRedirects],
    [4, 'numbers', attackNumbers],
    [8, 'oversized bodies', attackOversized],
    [9, 'Accept-Encoding q=0, If-None-Match *', attackCacheHeaders],
    // Load measurements before the import: its background work (related lists) would skew them.
    [7, 'tracking parameters', attackTrackingParams],
    [6, 'two servers', attackTwoServers],
    [5, 'writes during an import', attackWritesDuringImport],
  ]
  for (const [n, name, attack] of attacks) {
    try {
      await attack(ctx)
    } catch (err) {
      check(n, name, false, `the attack itself failed: ${err instanceof Error ? err.message : String(err)}`, 'the attack runs')
    }
  }
  checkServerLog(ctx)
  await stop(ctx.server)
  printSummary()
  console.log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s${KEEP ? `; logs in ${ctx.dir}` : ''}`)
  process.exitCode = outcomes.some((o) => o.verdict === 'FAIL') ? 1 : 0
}

process.on('exit', cleanup)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
try {
  await main()
} catch (err) {
  console.error(`attack run failed: ${err instanceof Error ? err.stack : String(err)}`)
  process.exitCode = 2
} finally {
  agent.destroy()
}
