import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Db } from '../db/index.js'
import { NotFound } from '../http/index.js'
import { getSiteSettings } from '../site/index.js'
import { renderShareCard } from './share-card.js'
import { shareCardHash, type ShareCardText } from './share-card-path.js'
import { findShareCardFields } from './share-card.queries.js'

/** Cards live in `<data dir>/share-cards/<id ÷ 1000>/<id>-<hash>.jpg`: made again from the database when missing. */
const SHARE_CARD_DIR = 'share-cards'

/** What a published article's card shows, and the hash its address carries; NotFound for any other article. */
export async function getShareCard(db: Db, id: number): Promise<{ text: ShareCardText; hash: string }> {
  const [row, settings] = await Promise.all([findShareCardFields(db, id), getSiteSettings(db)])
  if (!row) throw new NotFound('article_not_found')
  const text = { title: row.title, section: row.section_name, siteName: settings.name }
  return { text, hash: shareCardHash(text) }
}

// Cards being drawn, by file: concurrent first requests for one card wait for one drawing.
const drawing = new Map<string, Promise<Buffer>>()

/** The card's JPEG: read from disk, or drawn once, stored, and the article's older cards removed. */
export async function shareCardFile(dataDir: string, id: number, card: { text: ShareCardText; hash: string }): Promise<Buffer> {
  const name = `${id}-${card.hash}.jpg`
  const file = join(dataDir, SHARE_CARD_DIR, String(Math.floor(id / 1000)), name)
  const stored = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw err
  })
  if (stored) return stored
  let pending = drawing.get(file)
  if (!pending) {
    pending = draw(file, name, id, card.text).finally(() => drawing.delete(file))
    drawing.set(file, pending)
  }
  return pending
}

// At most two cards are drawn at once (a card is ~40 ms of CPU): a crawler asking for thousands queues
// them rather than filling libuv's thread pool, which file reads and uploads share.
const MAX_DRAWING = 2
let drawingNow = 0
const waiting: (() => void)[] = []

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (drawingNow < MAX_DRAWING) drawingNow++
  else await new Promise<void>((resolve) => waiting.push(resolve)) // a finished drawing hands its place over
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else drawingNow--
  }
}

async function draw(file: string, name: string, id: number, text: ShareCardText): Promise<Buffer> {
  const jpeg = await inTurn(() => renderShareCard(text))
  await mkdir(dirname(file), { recursive: true })
  // Written whole under another name, then renamed: a reader (or another node) never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, jpeg)
  await rename(temporary, file)
  const older = (await readdir(dirname(file))).filter((n) => n.startsWith(`${id}-`) && n.endsWith('.jpg') && n !== name)
  await Promise.all(older.map((n) => rm(join(dirname(file), n), { force: true })))
  return jpeg
}
