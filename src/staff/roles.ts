// Roles and what each may do. Least privilege: a role gets only the permissions listed for it,
// and a role the code does not know (say, written by a newer version) gets none.

export const ROLES = ['admin', 'editor', 'writer', 'moderator'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'newsroom.access', // sign in and see the newsroom home
  'comments.moderate', // the comment queue and the admin comment API
  'articles.create', // write drafts
  'articles.edit', // edit anyone's article
  'articles.publish', // publish, schedule, unpublish
  'media.upload',
  'taxonomy.manage', // sections and tags
  'masthead.manage',
  'settings.manage',
  'users.manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  editor: ['newsroom.access', 'articles.create', 'articles.edit', 'articles.publish', 'media.upload', 'taxonomy.manage', 'masthead.manage'],
  writer: ['newsroom.access', 'articles.create', 'media.upload'],
  moderator: ['newsroom.access', 'comments.moderate'],
}

/** Arabic names of the roles, for people. */
export const roleNames: Record<Role, string> = {
  admin: 'مدير النظام',
  editor: 'محرر',
  writer: 'كاتب',
  moderator: 'مشرف التعليقات',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Whether `role` grants `permission`; unknown roles grant nothing. */
export function can(role: string, permission: Permission): boolean {
  return isRole(role) && GRANTS[role].includes(permission)
}
