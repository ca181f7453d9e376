import { safeLocalPath } from '../http/index.js'

/** `?next=` after sign-in: a path on this site (never the login form again), else the newsroom home. */
export function safeNext(next: unknown, fallback = '/newsroom'): string {
  const path = safeLocalPath(next, fallback)
  return path.startsWith('/newsroom/login') ? fallback : path
}
