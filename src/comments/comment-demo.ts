// Original demo comments for the demo site: a few approved threads on the newest stories, so a fresh
// `npm start` shows the comments section at work. Call inside the demo seed's transaction.
import { visibleToReaders } from '../articles/index.js'
import { bumpContentVersion, type Db } from '../db/index.js'
import { matchingForm, sha256 } from './comment-text.js'
import { commenterKey } from './comments.service.js'
import { insertComment } from './comments.queries.js'

interface DemoComment {
  name: string
  url?: string
  body: string
  staff?: boolean
  replies?: DemoComment[]
}

const THREADS: DemoComment[][] = [
  [
    {
      name: 'ريم العتيبي',
      body: 'تقرير واضح ومرتّب، شكراً لكم.\n\nهل من موعد معلن لبدء التنفيذ؟ لم أجده في الخبر.',
      replies: [
        { name: 'فريق التحرير', staff: true, body: 'أهلاً ريم، لم تُعلن الجهة المسؤولة موعداً حتى الآن، وسنحدّث الخبر فور صدوره.' },
        { name: 'خالد منصور', body: 'أتابع الموضوع أيضاً، وأتمنى ألا يتأخر كما حدث في المرة السابقة.' },
      ],
    },
    { name: 'سامي الحربي', url: 'sami.example.org', body: 'من المفيد لو أضفتم خريطة للمواقع المذكورة.' },
  ],
  [
    {
      name: 'نورة القحطاني',
      body: 'أعجبتني الإشارة إلى المصادر في نهاية الخبر، هذا ما يميّز الصحافة الجادة.',
      replies: [{ name: 'عبدالله الشهري', body: 'أوافقك، وليت كل المواقع تفعل ذلك.' }],
    },
  ],
  [{ name: 'ماجد', body: 'متى يُنشر الجزء الثاني من التقرير؟' }],
]

export async function seedDemoComments(db: Db, now: Date): Promise<void> {
  const articles = await db
    .selectFrom('article')
    .select(['id', 'published_at'])
    .where(visibleToReaders)
    .orderBy('published_at', 'desc')
    .limit(THREADS.length)
    .execute()
  let n = 0
  const insert = async (articleId: number, c: DemoComment, parentId: number | null, depth: number, at: Date): Promise<void> => {
    n++
    const email = `demo-reader-${n}@example.invalid`
    const iso = at.toISOString()
    const id = await insertComment(db, {
      article_id: articleId,
      parent_id: parentId,
      depth,
      author_name: c.name,
      author_email: email,
      author_url: c.url ? `https://${c.url}/` : '',
      commenter_key: commenterKey(c.name, email),
      author_ip: '',
      user_agent: '',
      body: c.body,
      body_hash: sha256(matchingForm(c.body)),
      status: 'approved',
      previous_status: null,
      status_reason: 'demo',
      is_staff: c.staff ? 1 : 0,
      account_id: null,
      created_at: iso,
      updated_at: iso,
      moderated_at: iso,
      moderated_by: null,
    })
    // Replies follow 40 minutes apart, or closer when that would pass now (a fresh demo's newest story is minutes old).
    const replies = c.replies ?? []
    const step = Math.max(0, Math.min(40 * 60_000, (now.getTime() - at.getTime()) / (replies.length + 1)))
    let later = at.getTime()
    for (const reply of replies) await insert(articleId, reply, id, depth + 1, new Date((later += step)))
  }
  for (const [i, article] of articles.entries()) {
    const published = article.published_at ? new Date(article.published_at).getTime() : now.getTime()
    let at = Math.min(now.getTime(), published + 30 * 60_000)
    for (const thread of THREADS[i]) {
      await insert(article.id, thread, null, 1, new Date(at))
      at = Math.min(now.getTime(), at + 20 * 60_000)
    }
  }
  if (articles.length > 0) await bumpContentVersion(db)
}
