import type { Permission } from './roles.js'

export interface NavItem {
  href: string
  label: string
  description: string
  permission: Permission
}

/** The newsroom's sections, each shown only to roles that may use it. A feature adds its entry here. */
export const NEWSROOM_NAV: readonly NavItem[] = [
  { href: '/newsroom', label: 'الرئيسية', description: 'نظرة عامة على غرفة الأخبار.', permission: 'newsroom.access' },
  { href: '/newsroom/articles', label: 'المقالات', description: 'كتابة المقالات ومراجعتها وجدولتها ونشرها وتصحيحها.', permission: 'articles.create' },
  { href: '/newsroom/legal', label: 'المراجعة القانونية', description: 'المقالات التي تنتظر رأي المستشار القانوني.', permission: 'articles.legal' },
  { href: '/newsroom/media', label: 'المكتبة الإعلامية', description: 'رفع الصور ووصفها والبحث فيها وإعادة استخدامها.', permission: 'media.upload' },
  {
    href: '/newsroom/comments',
    label: 'التعليقات',
    description: 'مراجعة تعليقات القرّاء: الموافقة والرفض والبلاغات.',
    permission: 'comments.moderate',
  },
  { href: '/newsroom/sections', label: 'الأقسام', description: 'ترتيب الأقسام وظهورها في الصفحة الرئيسية.', permission: 'taxonomy.manage' },
  { href: '/newsroom/tags', label: 'الوسوم', description: 'إنشاء الوسوم وتسميتها ودمجها.', permission: 'taxonomy.manage' },
  { href: '/newsroom/people', label: 'الكتّاب', description: 'أسماء الكتّاب ونبذاتهم كما تظهر على المقالات.', permission: 'people.manage' },
  { href: '/newsroom/masthead', label: 'هيئة التحرير', description: 'من يظهر في ترويسة الموقع وصفحة هيئة التحرير.', permission: 'masthead.manage' },
  { href: '/newsroom/settings', label: 'إعدادات الموقع', description: 'اسم الموقع وشعاره والمظهر والأرقام والتاريخ الهجري.', permission: 'settings.manage' },
  { href: '/newsroom/accounts', label: 'الحسابات', description: 'حسابات فريق التحرير وأدوارهم ومفاتيح الواجهة البرمجية.', permission: 'users.manage' },
]
