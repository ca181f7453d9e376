import assert from 'node:assert/strict'
import { truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { createTempDir } from '../db/testing.js'
import { ImportFileError, MAX_JSON_BYTES, readSaudiNewsNetFile, type SaudiNewsNetRecord } from './saudinewsnet.reader.js'
import { deflatedEntry, spacesArray, writeZip } from './testing.js'

const record: SaudiNewsNetRecord = {
  source: 'alwatan',
  url: 'http://example.sa/alwatan/8001',
  date_extracted: '2015-08-03 10:15:00',
  title: 'افتتاح مكتبة عامة في الحي الشمالي',
  author: 'أبها: منيرة العسيري',
  content: 'افتتحت البلدية مكتبة عامة جديدة تضم ثلاثة آلاف كتاب.',
}

/** The reader's verdict on a file, as a message (or 'ok' with the record count). */
async function verdict(path: string): Promise<string> {
  try {
    return `ok ${(await readSaudiNewsNetFile(path)).length}`
  } catch (err) {
    assert.ok(err instanceof ImportFileError, `not an ImportFileError: ${err}`)
    return err.message
  }
}

function jsonFile(dir: string, name: string, records: unknown[]): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(records))
  return path
}

test('an impossible date is refused, naming the file and the article; real edge dates pass', async (t) => {
  const dir = createTempDir(t)
  const impossible = ['2015-99-99 25:00:00', '2015-00-10 10:00:00', '2015-13-01 10:00:00', '2015-08-00 10:00:00', '2015-08-32 10:00:00',
    '2015-04-31 10:00:00', '2015-02-29 10:00:00', '1900-02-29 10:00:00', '2015-08-01 24:00:00', '2015-08-01 23:60:00', '2015-08-01 23:59:60']
  for (const date of impossible) {
    const path = jsonFile(dir, 'dates.json', [record, { ...record, url: `${record.url}?b`, date_extracted: date }])
    assert.equal(await verdict(path), `${path}: article 2: "date_extracted" must be a real time such as "2015-08-01 14:30:00" (got "${date}")`, date)
  }
  const possible = ['2016-02-29 23:59:59', '2000-02-29 00:00:00', '2015-12-31 00:00:00', '2015-04-30 12:30:45']
  const path = jsonFile(dir, 'edges.json', possible.map((date, i) => ({ ...record, url: `${record.url}?${i}`, date_extracted: date })))
  assert.equal(await verdict(path), 'ok 4')
})

test('an address with a control character is refused: it is the duplicate key, so it is never altered', async (t) => {
  const dir = createTempDir(t)
  for (const url of ['http://example.sa/a\u0000b', 'http://example.sa/a\nb', 'http://example.sa/a\u007fb', 'http://example.sa/a\ud800b']) {
    const path = jsonFile(dir, 'url.json', [{ ...record, url }])
    assert.equal(await verdict(path), `${path}: article 1: "url" must not hold control characters`, JSON.stringify(url))
  }
})

test('a file that is not UTF-8 is refused rather than imported as replacement characters', async (t) => {
  const dir = createTempDir(t)
  const path = join(dir, 'cp1256.json')
  // "خبر" in Windows-1256: not valid UTF-8.
  writeFileSync(path, Buffer.concat([Buffer.from(JSON.stringify([{ ...record, title: 'X' }]).replace('"X"', '"')), Buffer.from([0xce, 0xc8, 0xd1]), Buffer.from('"}]')]))
  assert.match(await verdict(path), /cp1256\.json: is not UTF-8 text/)
})

test('a zip bomb is refused from its central directory, naming the file and the entry, without inflating it', async (t) => {
  const dir = createTempDir(t)
  const path = join(dir, 'bomb.zip')
  const bomb = await deflatedEntry('2015-08-01.json', spacesArray(2 * MAX_JSON_BYTES))
  writeZip(path, [bomb])
  const started = performance.now()
  assert.equal(await verdict(path), `${path} (2015-08-01.json): expands to 128.0 MiB, more than the 64.0 MiB an import reads from one file`)
  assert.ok(performance.now() - started < 1000, 'refused before inflating')
})

test('a zip bomb whose headers understate its size is stopped while inflating', async (t) => {
  const dir = createTempDir(t)
  const path = join(dir, 'liar.zip')
  const bomb = await deflatedEntry('2015-08-01.json', spacesArray(2 * MAX_JSON_BYTES))
  writeZip(path, [{ ...bomb, declaredSize: 1000 }])
  assert.match(await verdict(path), /liar\.zip \(2015-08-01\.json\): cannot be unzipped \(.*too many bytes/)
})

test('entries of one zip share the limit', async (t) => {
  const dir = createTempDir(t)
  const path = join(dir, 'halves.zip')
  const half = (name: string) => deflatedEntry(name, spacesArray(MAX_JSON_BYTES / 2 + 1024))
  writeZip(path, [await half('a.json'), await half('b.json')])
  assert.match(await verdict(path), /halves\.zip \(b\.json\): expands to 32\.0 MiB, more than the 64\.0 MiB an import reads from one file \(with the entries before it\)/)
})

test('a JSON file over the limit is refused before it is read', async (t) => {
  const dir = createTempDir(t)
  const path = join(dir, 'huge.json')
  writeFileSync(path, '[')
  truncateSync(path, MAX_JSON_BYTES + 1024 * 1024) // sparse: no disk used
  assert.equal(await verdict(path), `${path}: is 65.0 MiB, more than the 64.0 MiB an import reads from one file`)
})
