import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyRequest } from 'fastify'
import { errorBody, statusOf, wantsJson } from './error-handler.js'
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests, Unauthorized } from './errors.js'

const request = (url: string, accept?: string) => ({ url, originalUrl: url, headers: accept === undefined ? {} : { accept } }) as unknown as FastifyRequest

test('wantsJson: everything under /api, elsewhere an Accept that prefers JSON to HTML', () => {
  const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
  const cases: [string, string | undefined, boolean][] = [
    ['/api/v1/articles', undefined, true],
    ['/api/v1/articles', browser, true],
    ['/comments/1', 'application/json', true],
    ['/comments/1', 'Application/JSON; charset=utf-8', true],
    ['/comments/1', 'text/html;q=0.5, application/json', true],
    ['/comments/1', 'application/json, text/html', true],
    ['/comments/1', 'text/html, application/json', false],
    ['/comments/1', 'application/json;q=0', false],
    ['/comments/1', browser, false],
    ['/comments/1', '*/*', false],
    ['/comments/1', undefined, false],
  ]
  for (const [url, accept, expected] of cases) assert.equal(wantsJson(request(url, accept)), expected, `${url} «${accept}»`)
})

test('statusOf: one status per typed error', () => {
  assert.equal(statusOf(new NotFound('not_found')), 404)
  assert.equal(statusOf(new Invalid('invalid_parameter')), 400)
  assert.equal(statusOf(new Unauthorized('unauthorized')), 401)
  assert.equal(statusOf(new Forbidden('csrf')), 403)
  assert.equal(statusOf(new Conflict('comment_duplicate')), 409)
  assert.equal(statusOf(new TooManyRequests(5)), 429)
})

test('errorBody: code, Arabic message and field; a feature may add to it', () => {
  const body = errorBody('field_required', 'email', { fields: [] })
  assert.equal(body.error.code, 'field_required')
  assert.equal(body.error.field, 'email')
  assert.ok(/[\u0600-\u06FF]/.test(String(body.error.message)))
  assert.deepEqual(Object.keys(body.error), ['code', 'message', 'field', 'fields'])
  assert.deepEqual(Object.keys(errorBody('not_found').error), ['code', 'message'])
})
