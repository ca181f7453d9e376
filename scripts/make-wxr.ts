// Writes a large WordPress export (WXR 1.2) for measuring `nashra import wxr`: N posts made from
// a small vocabulary of our own words, with categories (some nested), tags, authors, threaded
// comments, Gutenberg and classic bodies and links between posts. No attachments (no network).
//   node dist/scripts/make-wxr.js <out.xml> [posts=5000]
import { createWriteStream } from 'node:fs'

const WORDS = (
  'المدينة السوق الميناء المدرسة الملعب الحديقة المجلس البلدية الطريق الجسر القطار الحافلة المستشفى الجامعة المكتبة ' +
  'المهرجان الموسم الشتاء الصيف المطر الرياح البحر الصيادون المزارعون التجار الطلاب المعلمون الأطباء السكان الزوار ' +
  'يفتتح يعلن يناقش يستعد يطلق يعود يرتفع ينخفض يستقبل يزور يقرر يوافق يؤجل يبدأ ينتهي يتوسع يجدد يدعم يطالب ' +
  'جديد قديم كبير صغير سريع بطيء عام خاص محلي سنوي شهري أسبوعي أول أخير واسع ضيق هادئ مزدحم ' +
  'اليوم غداً أمس صباحاً مساءً خلال بعد قبل حتى منذ نحو أكثر أقل مع في على إلى من عن'
).split(' ')

// mulberry32: the same export on every run.
let seed = 20240305
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ')
const enc = (text: string) => encodeURIComponent(text).toLowerCase()
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
const SITE = 'https://big-news.example'

const CATEGORIES = Array.from({ length: 20 }, (_, i) => ({ slug: enc(`${pick(WORDS)}-${i}`), name: `${pick(WORDS)} ${i}`, parent: i >= 12 ? i - 12 : -1 }))
const TAGS = Array.from({ length: 200 }, (_, i) => ({ slug: i % 3 === 0 ? `tag-${i}` : enc(`${pick(WORDS)}-${i}`), name: `${pick(WORDS)} ${i}` }))
const AUTHORS = ['rana', 'fahd', 'mona', 'ziad', 'huda']

function post(id: number) {
  const title = words(7)
  const name = enc(title.replaceAll(' ', '-')).slice(0, 200)
  const day = new Date(Date.UTC(2020, 0, 1) + id * 3_600_000 * 7)
  const date = day.toISOString().slice(0, 19).replace('T', ' ')
  const [y, m, d] = date.slice(0, 10).split('-')
  const link = id > 1 ? ` <a href="${SITE}/?p=${Math.max(1, id - 1 - Math.floor(random() * 50))}">${words(3)}</a>` : ''
  const body =
    id % 2 === 0
      ? Array.from({ length: 5 }, (_, i) => `<!-- wp:paragraph -->\n<p>${words(40)}${i === 2 ? link : ''}</p>\n<!-- /wp:paragraph -->`).join('\n\n')
      : Array.from({ length: 5 }, (_, i) => `${words(20)}\n${words(20)}${i === 2 ? link : ''}`).join('\n\n')
  const category = pick(CATEGORIES)
  const tags = Array.from({ length: 3 }, () => pick(TAGS))
  const comments: string[] = []
  const count = Math.floor(random() * 6)
  for (let c = 0; c < count; c++) {
    const cid = id * 10 + c
    const parent = c > 0 && random() < 0.4 ? id * 10 + c - 1 : 0
    const approved = random() < 0.8 ? '1' : pick(['0', 'spam', 'trash'])
    const type = random() < 0.05 ? 'pingback' : 'comment'
    comments.push(`<wp:comment><wp:comment_id>${cid}</wp:comment_id><wp:comment_author>${cdata(words(2))}</wp:comment_author><wp:comment_author_email>${cdata(`reader${cid}@example.org`)}</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>${cdata('192.0.2.1')}</wp:comment_author_IP><wp:comment_date>${cdata(date)}</wp:comment_date><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt><wp:comment_content>${cdata(words(15))}</wp:comment_content><wp:comment_approved>${cdata(approved)}</wp:comment_approved><wp:comment_type>${cdata(type)}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>${random() < 0.1 ? 1 : 0}</wp:comment_user_id></wp:comment>`)
  }
  const status = random() < 0.95 ? 'publish' : pick(['draft', 'pending'])
  return `<item><title>${cdata(title)}</title><link>${SITE}/${y}/${m}/${d}/${name}/</link><dc:creator>${cdata(pick(AUTHORS))}</dc:creator><guid isPermaLink="false">${SITE}/?p=${id}</guid><content:encoded>${cdata(body)}</content:encoded><excerpt:encoded>${cdata(words(12))}</excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date>${cdata(date)}</wp:post_date><wp:post_date_gmt>${cdata(status === 'publish' ? date : '0000-00-00 00:00:00')}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status><wp:post_name>${cdata(name)}</wp:post_name><wp:status>${cdata(status)}</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky><category domain="category" nicename="${category.slug}">${cdata(category.name)}</category>${tags.map((t) => `<category domain="post_tag" nicename="${t.slug}">${cdata(t.name)}</category>`).join('')}${comments.join('')}</item>\n`
}

async function main() {
  const [out, n = '5000'] = process.argv.slice(2)
  if (!out) throw new Error('usage: node dist/scripts/make-wxr.js <out.xml> [posts]')
  const file = createWriteStream(out)
  const write = (text: string) => (file.write(text) ? Promise.resolve() : new Promise<void>((resolve) => file.once('drain', () => resolve())))
  await write(`<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>أخبار كبيرة</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>\n`)
  for (const [i, login] of AUTHORS.entries()) await write(`<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(login)}</wp:author_login><wp:author_email>${cdata(`${login}@big-news.example`)}</wp:author_email><wp:author_display_name>${cdata(words(2))}</wp:author_display_name></wp:author>\n`)
  for (const c of CATEGORIES) {
    const parent = c.parent >= 0 ? CATEGORIES[c.parent].slug : ''
    await write(`<wp:category><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata(parent)}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>\n`)
    await write(`<wp:term><wp:term_taxonomy>category</wp:term_taxonomy><wp:term_slug>${cdata(c.slug)}</wp:term_slug><wp:term_parent>${cdata(parent)}</wp:term_parent><wp:term_name>${cdata(c.name)}</wp:term_name></wp:term>\n`)
  }
  for (const t of TAGS) {
    await write(`<wp:tag><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>\n`)
    await write(`<wp:term><wp:term_taxonomy>post_tag</wp:term_taxonomy><wp:term_slug>${cdata(t.slug)}</wp:term_slug><wp:term_name>${cdata(t.name)}</wp:term_name></wp:term>\n`)
  }
  for (let id = 1; id <= Number(n); id++) await write(post(id))
  await write('</channel>\n</rss>\n')
  await new Promise<void>((resolve) => file.end(resolve))
}

await main()
