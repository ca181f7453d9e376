// Roles and what each may do. Least privilege: a role gets only the permissions listed for it,
// and a role the code does not know (say, written by a newer version) gets none.

export const ROLES = ['admin', 'editor', 'writer', 'legal', 'moderator'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'newsroom.access', // sign in and see the newsroom home
  'comments.moderate', // the comment queue and the admin comment API
  'articles.create', // write drafts, edit one's own while they are drafts or returned, submit for review
  'articles.edit', // edit anyone's article, at any stage
  'articles.publish', // publish, schedule, unpublish; the urgent flag and home page placement; legal review required or not
  'articles.correct', // corrections and replies on published articles
  'articles.legal', // read every article awaiting legal review; approve it or return it with a note
  'media.upload', // upload images and browse the media library
  'taxonomy.manage', // sections and tags
  'people.manage', // bylines: people who write or are named as authors
  'masthead.manage',
  'settings.manage',
  'users.manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

// The legal decision is the legal role's alone, not even the admin's: separation of duties.
const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS.filter((p) => p !== 'articles.legal'),
  editor: [
    'newsroom.access',
    'comments.moderate',
    'articles.create',
    'articles.edit',
    'articles.publish',
    'articles.correct',
    'media.upload',
    'taxonomy.manage',
    'people.manage',
    'masthead.manage',
  ],
  writer: ['newsroom.access', 'articles.create', 'media.upload'],
  legal: ['newsroom.access', 'articles.legal'],
  moderator: ['newsroom.access', 'comments.moderate'],
}

/** Arabic names of the roles, for people. */
export const roleNames: Record<Role, string> = {
  admin: 'مدير النظام',
  editor: 'محرر',
  writer: 'كاتب',
  legal: 'المستشار القانوني',
  moderator: 'مشرف التعليقات',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Whether `role` grants `permission`; unknown roles grant nothing. */
export function can(role: string, permission: Permission): boolean {
  return isRole(role) && GRANTS[role].includes(permission)
}
