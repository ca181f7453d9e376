// Worker threads' entry files (and the related-lists process's), each bundled with what it uses into one file beside it
// (`x.js` → `x.bundle.js`), which the thread loads instead (decision 037). A thread reached the
// whole app through the features' front doors: the import's reader loaded fastify, sharp and the
// newsroom to map articles, 0.9 s of each import's start. Packages stay outside the bundle.
import { build } from 'esbuild'

export const WORKER_ENTRIES = ['dist/src/import/saudinewsnet.worker.js', 'dist/src/search/search-worker.js', 'dist/src/search/related-process.js']

/**
 * esbuild leaves out a module none of whose exports are used only when it knows that loading the
 * module does nothing else. Ours don't (no file of src/ is imported for its effects alone), so
 * every relative import is declared free of side effects; packages keep their own declarations.
 */
const ourModulesAreSideEffectFree = {
  name: 'our-modules-are-side-effect-free',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'resolving') return undefined
      const resolved = await build.resolve(args.path, { importer: args.importer, kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' })
      if (resolved.errors.length > 0) return { errors: resolved.errors }
      return { path: resolved.path, sideEffects: false }
    })
  },
}

export async function bundleWorkers() {
  await Promise.all(
    WORKER_ENTRIES.map((entry) =>
      build({
        entryPoints: [entry],
        outfile: entry.replace(/\.js$/, '.bundle.js'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        charset: 'utf8',
        sourcemap: 'linked',
        plugins: [ourModulesAreSideEffectFree],
        logLevel: 'warning',
      }),
    ),
  )
}
