import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'

// The brief's contract: path and method of every /api/v1 route a client may rely on.
const CONTRACT: [string, string][] = [
  ['/api/v1/articles', 'get'],
  ['/api/v1/articles/{id}', 'get'],
  ['/api/v1/search', 'get'],
  ['/api/v1/articles/{id}/comments', 'get'],
  ['/api/v1/articles/{id}/comments', 'post'],
  ['/api/v1/admin/articles', 'post'],
  ['/api/v1/admin/articles/{id}', 'patch'],
  ['/api/v1/admin/articles/{id}/publish', 'post'],
  ['/api/v1/admin/articles/{id}/unpublish', 'post'],
  ['/api/v1/admin/articles/{id}/revisions', 'get'],
  ['/api/v1/admin/articles/{id}/revisions/{rev}/restore', 'post'],
  ['/api/v1/admin/articles/{id}/legal', 'post'],
  ['/api/v1/admin/articles/{id}/corrections', 'post'],
  ['/api/v1/admin/comments', 'get'],
  ['/api/v1/admin/comments/{id}/{action}', 'post'],
  ['/api/v1/admin/media', 'post'],
  ['/api/v1/openapi.json', 'get'],
]

interface Operation {
  summary?: string
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string }[]
  responses?: Record<string, unknown>
}

test('GET /api/v1/openapi.json is a valid OpenAPI 3.1 document of the whole /api/v1', async (t) => {
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0', NASHRA_BASE_URL: 'https://news.example' }), await createTestDb(t))
  t.after(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  const document = JSON.parse(res.body)
  assert.equal(document.openapi, '3.1.0')
  assert.deepEqual(document.servers, [{ url: 'https://news.example' }])

  const validator = new Validator()
  const result = await validator.validate(document)
  assert.deepEqual(result.errors, undefined)
  assert.equal(result.valid, true)

  const paths: Record<string, Record<string, Operation>> = document.paths
  for (const [path, method] of CONTRACT) {
    const operation = paths[path]?.[method]
    assert.ok(operation, `${method.toUpperCase()} ${path} is in the document`)
    assert.ok(operation.summary, `${method.toUpperCase()} ${path} has a summary`)
    // Every {name} in the path is a declared path parameter.
    for (const name of path.matchAll(/\{(\w+)\}/g)) {
      assert.ok(operation.parameters?.some((p) => p.in === 'path' && p.name === name[1]), `${path}: parameter ${name[1]}`)
    }
    const isAdmin = path.startsWith('/api/v1/admin/')
    assert.deepEqual(operation.security, isAdmin ? [{ bearer: [] }] : undefined, `${path}: bearer only on admin`)
  }
  assert.deepEqual(document.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', description: 'رمز من `npx nashra token add --email E`' })

  // Read answers are described, and only /api/v1 is mapped (no reader pages, no newsroom).
  assert.ok(paths['/api/v1/articles'].get.responses?.['200'])
  assert.ok(paths['/api/v1/search'].get.parameters?.some((p) => p.name === 'q' && p.in === 'query'))
  assert.deepEqual(Object.keys(paths).filter((p) => !p.startsWith('/api/v1/')), [])
})
