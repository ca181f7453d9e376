import { bumpContentVersion, type Db, readSetting, writeSetting } from '../db/index.js'

/** Moderation rules and limits, stored as one setting (src/db/settings.ts); every value has a default. */
export interface CommentSettings {
  /** Hold a first-time commenter's comment for moderation. */
  holdFirstTime: boolean
  /** Approve at once a commenter with an earlier approved comment (same name and email). */
  autoApproveKnown: boolean
  /** Hold a comment with more links than this. */
  maxLinks: number
  /** Words that send a comment to moderation / refuse it (matched after Arabic normalization). */
  holdWords: string[]
  rejectWords: string[]
  /** Close comments this many days after publication (0: never). */
  closeAfterDays: number
  nameMax: number
  emailMax: number
  urlMax: number
  bodyMax: number
  /** One accepted comment per this many seconds from one address, and from one email (0: off). */
  floodSeconds: number
  /** The HTML form must be open at least this long before it is sent (0: off). */
  minFillSeconds: number
  /** Top-level threads per comments page. */
  perPage: number
  /** Deepest reply level. */
  maxDepth: number
  /** Reports after which an approved comment goes back to the queue. */
  reportsToHold: number
}

export const DEFAULT_COMMENT_SETTINGS: CommentSettings = Object.freeze({
  holdFirstTime: true,
  autoApproveKnown: true,
  maxLinks: 2,
  holdWords: [],
  rejectWords: [],
  closeAfterDays: 0,
  nameMax: 100,
  emailMax: 254,
  urlMax: 2000,
  bodyMax: 5000,
  floodSeconds: 15,
  minFillSeconds: 3,
  perPage: 50,
  maxDepth: 3,
  reportsToHold: 3,
})

const KEY = 'comments.settings'

export async function getCommentSettings(db: Db): Promise<CommentSettings> {
  const stored = (await readSetting<Partial<CommentSettings>>(db, KEY)) ?? {}
  return { ...DEFAULT_COMMENT_SETTINGS, ...stored }
}

/** Merges `changes` into the stored settings. */
export async function saveCommentSettings(db: Db, changes: Partial<CommentSettings>): Promise<CommentSettings> {
  const next = { ...(await getCommentSettings(db)), ...changes }
  await writeSetting(db, KEY, next)
  await bumpContentVersion(db) // page size and depth change what article pages show
  return next
}
