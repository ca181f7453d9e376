import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'

// The editor bundle is built by scripts/build.mjs (esbuild) into dist/newsroom-assets/, beside the
// compiled server (dist/src/newsroom/ → two levels up), with content-hashed names and a manifest.
const ASSET_DIR = fileURLToPath(new URL('../../newsroom-assets/', import.meta.url))
const PREFIX = '/newsroom/assets/'
const BUNDLE_FILE = /^\/editor-[A-Z0-9]+\.(js|css)$/

let urls: { js: string; css: string } | undefined

/** URLs of the editor bundle's script and stylesheet, for the article editor page. */
export function editorAssets(): { js: string; css: string } {
  if (!urls) {
    let manifest: { js?: unknown; css?: unknown }
    try {
      manifest = JSON.parse(readFileSync(ASSET_DIR + 'manifest.json', 'utf8'))
    } catch (err) {
      throw new Error(`the newsroom editor bundle is missing (${ASSET_DIR}manifest.json): run npm run build`, { cause: err })
    }
    if (typeof manifest.js !== 'string' || typeof manifest.css !== 'string') throw new Error(`${ASSET_DIR}manifest.json names no js and css`)
    urls = Object.freeze({ js: PREFIX + manifest.js, css: PREFIX + manifest.css })
  }
  return urls
}

/** Serves the bundle under /newsroom/assets/: hashed names, so cached for a year (brotli/gzip copies when asked). */
export const editorAssetRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: ASSET_DIR,
    prefix: PREFIX,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    preCompressed: true,
    // Only the bundle itself: not the manifest, whose name does not change with its content.
    allowedPath: (pathname) => BUNDLE_FILE.test(pathname),
  })
}
