// Signed values that let a cached, anonymous page carry no per-reader secret: the form's render time
// (minimum fill time) and the reader's own held comments (cookie). The key lives in the database, so
// every app node signs and checks alike.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { type Db, readSetting, writeSettingOnce } from '../db/index.js'

const KEY = 'comments.secret'
const secrets = new WeakMap<Db, string>()

async function secretOf(db: Db): Promise<string> {
  const known = secrets.get(db)
  if (known) return known
  // Read first: rendering a page must not need a write (a read-only or busy database still serves
  // pages). Only the very first render of a new database stores the key.
  const stored = await readSetting<string>(db, KEY)
  if (stored) return remember(db, stored)
  await writeSettingOnce(db, KEY, randomBytes(32).toString('base64url'))
  // Another node may have stored its key first: everyone signs with the stored one.
  return remember(db, (await readSetting<string>(db, KEY))!)
}

function remember(db: Db, secret: string): string {
  secrets.set(db, secret)
  return secret
}

const sign = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url').slice(0, 22)

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * How old a form token may be. An article page is served from caches for a few minutes by default
 * (NASHRA_SHARED_MAX_AGE, 60 s, at most 3 h, plus five times that stale-while-revalidate), so
 * most of this bound is the reader's: a tab left open overnight with a comment half written
 * must still post. A day covers that, while a token scraped once cannot feed a bot for ever.
 */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 3600_000

const lastFormTokens = new WeakMap<Db, { ms: number; token: string }>()

/**
 * `<ms>.<sig>`: when the form was rendered, rounded up to the whole second, so that the pages
 * rendered in one second share one token (one HMAC a second under load, not one a render). Up is
 * the safe side: the minimum fill time counts from the token, so a bot gains nothing.
 */
export async function formToken(db: Db, renderedAt: Date): Promise<string> {
  const ms = Math.ceil(renderedAt.getTime() / 1000) * 1000
  const last = lastFormTokens.get(db)
  if (last?.ms === ms) return last.token
  const token = `${ms}.${sign(await secretOf(db), `form:${ms}`)}`
  lastFormTokens.set(db, { ms, token })
  return token
}

/** When a form token says its form was rendered; undefined when it is missing or forged. */
export async function formRenderedAt(db: Db, token: unknown): Promise<Date | undefined> {
  if (typeof token !== 'string') return undefined
  const match = /^(\d{1,15})\.([\w-]{22})$/.exec(token)
  if (!match) return undefined
  if (!same(match[2], sign(await secretOf(db), `form:${match[1]}`))) return undefined
  return new Date(Number(match[1]))
}

/** `<id>.<sig>`: proof, kept in the author's cookie, that they wrote held comment `id`. */
export async function heldToken(db: Db, id: number): Promise<string> {
  return `${id}.${sign(await secretOf(db), `held:${id}`)}`
}

/** The comment ids a held-comments cookie proves; forged entries are dropped. */
export async function heldIds(db: Db, cookie: string | undefined): Promise<number[]> {
  if (!cookie) return []
  const secret = await secretOf(db)
  const ids: number[] = []
  for (const entry of cookie.split(/[ ,]+/).slice(-20)) {
    const match = /^(\d{1,12})\.([\w-]{22})$/.exec(entry)
    if (match && same(match[2], sign(secret, `held:${match[1]}`))) ids.push(Number(match[1]))
  }
  return ids
}
