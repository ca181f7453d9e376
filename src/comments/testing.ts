// The comments feature's test kit: a seeded article, open rules, and the load test (many clients at once,
// each answer checked against the database; used by comments.load.test.ts and scripts/load-comments.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../app.js'
import { createArticle, ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { migrateToLatest, openSqlite, type Db } from '../db/index.js'
import { saveCommentSettings, type CommentSettings } from './comment-settings.js'
import { formToken } from './comment-tokens.js'

export async function seedCommentArticle(db: Db, options: { status?: 'published' | 'draft'; commentsOpen?: boolean; publishedAt?: Date; title?: string } = {}) {
  const now = options.publishedAt ?? new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  return createArticle(
    db,
    {
      title: options.title ?? 'افتتاح مكتبة عامة جديدة في الحي القديم',
      summary: 'مبادرة أهلية تعيد الحياة إلى مبنى مهجور',
      bodyHtml: '<p>افتتح سكان الحي القديم مكتبة عامة في مبنى ظلّ مهجوراً سنوات طويلة.</p>',
      sectionId,
      status: options.status ?? 'published',
      commentsOpen: options.commentsOpen,
      publishedAt: options.status === 'draft' ? null : now,
    },
    now,
  )
}

/** Rules that let a test post freely: no flood window, no fill time, first comments published at once. */
export const OPEN_RULES: Partial<CommentSettings> = { floodSeconds: 0, minFillSeconds: 0, holdFirstTime: false }

export async function openRules(db: Db, extra: Partial<CommentSettings> = {}) {
  return saveCommentSettings(db, { ...OPEN_RULES, ...extra })
}

export interface LoadOptions {
  submissions: number
  clients: number
  /** The flood window for the run, in seconds. */
  floodSeconds: number
}

export interface LoadReport {
  submissions: number
  clients: number
  floodSeconds: number
  seconds: number
  perSecond: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  byStatus: Record<string, number>
  byCode: Record<string, number>
  accepted: number
  stored: number
  /** Accepted ids missing from the database, or stored twice. */
  lost: number
  duplicated: number
  /** Answers that were not a 202 nor a 4xx with a code and an Arabic message (5xx, network errors…). */
  unclear: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

export async function runCommentLoad(options: LoadOptions): Promise<LoadReport> {
  const dir = mkdtempSync(join(tmpdir(), 'nashra-load-'))
  const db = openSqlite(join(dir, 'nashra.db'))
  try {
    await migrateToLatest(db)
    const articles = [await seedCommentArticle(db), await seedCommentArticle(db, { title: 'خبر ثان للاختبار' })]
    await saveCommentSettings(db, { floodSeconds: options.floodSeconds, minFillSeconds: 0, holdFirstTime: true })
    const config = loadConfig({ NASHRA_DATA_DIR: dir, NASHRA_LOG_LEVEL: 'silent', NASHRA_TRUST_PROXY: '1', NASHRA_SCHEDULER: '0' })
    const app = await buildApp(config, db)
    await app.listen({ host: '127.0.0.1', port: 0 })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const ts = await formToken(db, new Date(Date.now() - 60_000))

    const latencies: number[] = []
    const byStatus: Record<string, number> = {}
    const byCode: Record<string, number> = {}
    const acceptedIds: number[] = []
    let unclear = 0
    let next = 0
    const started = performance.now()

    async function client(c: number) {
      const ip = `10.${Math.floor(c / 250)}.${c % 250}.7`
      for (let i = next++; i < options.submissions; i = next++) {
        const article = articles[i % 2]
        // Every 10th repeats an earlier text (a duplicate), every 25th is broken (no email): refusals on purpose.
        const body = i % 10 === 9 ? `تعليق متكرر من العميل ${c}` : `التعليق رقم ${i} من العميل ${c}`
        const fields = { name: `قارئ ${c}`, email: i % 25 === 24 ? '' : `reader${c}@load.example`, body }
        const viaForm = i % 3 === 0
        const t0 = performance.now()
        let status = 'network'
        try {
          const res = viaForm
            ? await fetch(`${base}/comments/${article.id}`, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', origin: base, 'x-forwarded-for': ip },
                body: new URLSearchParams({ ...fields, ts }).toString(),
              })
            : await fetch(`${base}/api/v1/articles/${article.id}/comments`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
                body: JSON.stringify(fields),
              })
          status = String(res.status)
          const data = (await res.json()) as { id?: number; error?: { code?: string; message?: string } }
          if (res.status === 202 && typeof data.id === 'number') acceptedIds.push(data.id)
          else if (res.status >= 400 && res.status < 500 && data.error?.code && /[\u0600-\u06FF]/.test(data.error.message ?? '')) byCode[data.error.code] = (byCode[data.error.code] ?? 0) + 1
          else unclear++
        } catch {
          unclear++
        }
        latencies.push(performance.now() - t0)
        byStatus[status] = (byStatus[status] ?? 0) + 1
      }
    }
    await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)))
    const seconds = (performance.now() - started) / 1000
    await app.close()

    const rows = await db.selectFrom('comment').select('id').execute()
    const stored = new Set(rows.map((r) => r.id))
    const lost = acceptedIds.filter((id) => !stored.has(id)).length
    const duplicated = acceptedIds.length - new Set(acceptedIds).size + (rows.length - stored.size)
    latencies.sort((a, b) => a - b)
    const round = (n: number) => Math.round(n * 10) / 10
    return {
      submissions: options.submissions,
      clients: options.clients,
      floodSeconds: options.floodSeconds,
      seconds: round(seconds),
      perSecond: round(options.submissions / seconds),
      latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1] ?? 0) },
      byStatus,
      byCode,
      accepted: acceptedIds.length,
      stored: rows.length,
      lost,
      duplicated,
      unclear,
    }
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}
