import { createArticle, ensureSection } from '../../articles/index.js'
import type { Db } from '../../db/index.js'
import { ensurePerson } from '../../people/index.js'

/** Original demo content for an empty site. */
export async function seedDemoContent(db: Db, _dataDir: string, now: Date): Promise<void> {
  const local = await ensureSection(db, 'local', 'محليات')
  const advisor = await ensurePerson(db, { slug: 'legal-advisor', name: 'المحامية سلمى الحارثي', title: 'المستشارة القانونية', mastheadPosition: 2, inMastheadLine: true }, now)
  const editor = await ensurePerson(db, { slug: 'editor-in-chief', name: 'خالد العمري', title: 'رئيس التحرير', mastheadPosition: 1 }, now)
  await createArticle(
    db,
    {
      title: '«البلدية» تفتتح حديقة جديدة في حي الروضة',
      summary: 'افتتحت البلدية حديقة عامة على مساحة عشرة آلاف متر مربع.',
      bodyHtml: '<p>افتتحت البلدية صباح اليوم حديقة عامة جديدة.</p><p>وقال المتحدث باسمها إن الحديقة تضم ممرات للمشي.</p>',
      sectionId: local,
      status: 'published',
      authorIds: [editor, advisor],
      sources: [{ name: 'وكالة الأنباء المحلية', url: null }],
      publishedAt: new Date(now.getTime() - 2 * 3600_000),
    },
    now,
  )
}
