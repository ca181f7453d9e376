// Original Arabic test stories (written for these tests) and a seeding helper for search tests.
import { createArticle, ensureSection } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { ensurePerson } from '../people/index.js'
import { connectFeatures } from '../app.js'

// Stories written through the articles feature reach the index only once search follows article writes (as in the app).
connectFeatures()

export const FIXTURE_NOW = new Date('2026-03-01T10:00:00Z')

export interface SeededStory {
  id: number
  path: string
}

const day = (n: number) => new Date(FIXTURE_NOW.getTime() - n * 86400_000)

/** Seven stories across two sections and two authors; returns their ids by key. */
export async function seedStories(db: Db): Promise<Record<string, SeededStory>> {
  const local = await ensureSection(db, 'local', 'محليات')
  const economy = await ensureSection(db, 'economy', 'اقتصاد')
  const huda = await ensurePerson(db, { slug: 'huda', name: 'هدى الشمري', title: 'محررة' }, FIXTURE_NOW)
  const sami = await ensurePerson(db, { slug: 'sami', name: 'سامي العتيبي', title: 'مراسل' }, FIXTURE_NOW)
  const stories = {
    framework: {
      title: 'أعلنت الوزارة الإطار الجديد للمدارس الأهلية',
      summary: 'الإطار يحدد ساعات الدراسة ومعايير السلامة في كل مدرسة.',
      body: 'قالت الوزارة في بيان صباح اليوم إن الإطار الجديد يبدأ تطبيقه مع بداية العام الدراسي، وإن المدارس الأهلية ستحصل على مهلة لتعديل أوضاعها.',
      sectionId: local,
      authorIds: [huda],
      publishedAt: day(2),
    },
    minister: {
      title: 'وزير التعليم يزور مدرسة ثانوية في الرياض',
      summary: 'زيارة مفاجئة اطلع فيها على سير الاختبارات.',
      body: 'تجول الوزير في الفصول وتحدث إلى المعلمين عن خطط تطوير المناهج، واستمع إلى ملاحظات أولياء الأمور.',
      sectionId: local,
      authorIds: [sami],
      publishedAt: day(5),
    },
    cars: {
      title: 'ارتفاع أسعار السيارات المستعملة في السوق المحلية',
      summary: 'التجار يعزون الارتفاع إلى قلة المعروض.',
      body: 'شهدت معارض السيارات إقبالاً كبيراً خلال الأسبوع، وارتفعت أسعار السيارات الصغيرة بنسبة ملحوظة بعد القرار الأخير.',
      sectionId: economy,
      authorIds: [huda],
      publishedAt: day(10),
    },
    energy: {
      title: 'مجلس الوزراء يقر خطة لترشيد استهلاك الطاقة',
      summary: 'القرار يشمل المباني الحكومية والمصانع.',
      body: 'وبالقرار الجديد تبدأ الجهات الحكومية خفض استهلاك الكهرباء في مبانيها، على أن تُراجع النتائج بعد ستة أشهر.',
      sectionId: economy,
      authorIds: [sami],
      publishedAt: day(1),
    },
    energyCopy: {
      title: 'الحكومة تعتمد خطة ترشيد استهلاك الطاقة',
      summary: 'القرار يشمل المباني الحكومية والمصانع.',
      body: 'وبالقرار الجديد تبدأ الجهات الحكومية خفض استهلاك الكهرباء في مبانيها، على أن تُراجع النتائج بعد ستة أشهر.',
      sectionId: economy,
      authorIds: [],
      publishedAt: day(1),
    },
    solar: {
      title: 'محطة جديدة للطاقة الشمسية شمال المملكة',
      summary: 'المحطة تغذي آلاف المنازل بالكهرباء.',
      body: 'تنتج محطة الطاقة الشمسية الجديدة كهرباء تكفي آلاف المنازل، ويأتي المشروع ضمن خطة ترشيد استهلاك الطاقة وتنويع مصادرها.',
      sectionId: economy,
      authorIds: [huda],
      publishedAt: day(20),
    },
    hospital: {
      title: 'افتتاح مستشفى للأطفال في جدة',
      summary: 'المستشفى يضم مئتي سرير.',
      body: 'افتُتح المستشفى بحضور مسؤولي الصحة، ويقدم خدماته لأطفال المنطقة على مدار الساعة.',
      sectionId: local,
      authorIds: [sami],
      publishedAt: day(40),
    },
  }
  const seeded: Record<string, SeededStory> = {}
  for (const [key, s] of Object.entries(stories)) {
    seeded[key] = await createArticle(
      db,
      { title: s.title, summary: s.summary, bodyHtml: `<p>${s.body}</p>`, sectionId: s.sectionId, authorIds: s.authorIds, status: 'published', publishedAt: s.publishedAt },
      FIXTURE_NOW,
    )
  }
  return seeded
}

export { relatedByBothMethods } from './related.js'
