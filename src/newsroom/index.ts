// The editorial desk: articles from first draft to correction, for people (/newsroom/…) and
// scripts (/api/v1/admin/articles). Builds on articles (the editorial service), media, people,
// site and staff (accounts, roles, sessions, the newsroom shell).
export { articleAdminRoutes } from './articles-api.routes.js'
export { articleDeskRoutes, type ArticleDeskOptions } from './articles.routes.js'
export type { EditorAssets } from './article-edit.page.js'
export { legalRoutes } from './legal.routes.js'
export { newsroomHomeRoutes } from './home.routes.js'
export { revisionRoutes } from './revisions.routes.js'
