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
  {
    href: '/newsroom/comments',
    label: 'التعليقات',
    description: 'مراجعة تعليقات القرّاء: الموافقة والرفض والبلاغات.',
    permission: 'comments.moderate',
  },
]
