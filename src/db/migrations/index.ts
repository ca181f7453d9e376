import type { Migration } from 'kysely'
import * as coreContent from './001-core-content.js'
import * as accounts from './002-accounts.js'
import * as comments from './003-comments.js'
import * as search from './004-search.js'
import * as feedIndexes from './005-feed-indexes.js'
import * as articleUrgentIndex from './006-article-urgent-index.js'
import * as searchIndexFormat2 from './007-search-index-format-2.js'
import * as headlineVocabulary from './008-headline-vocabulary.js'
import * as editorial from './009-editorial.js'
import * as mediaRenditions from './010-media-renditions.js'
import * as deskListIndexes from './011-desk-list-indexes.js'
import * as importFidelity from './012-import-fidelity.js'
import * as articleViews from './013-article-views.js'
import * as redirects from './014-redirects.js'
import * as frontPage from './015-front-page.js'
import * as searchCliticOrder from './016-search-clitic-order.js'

// Every migration, in order. Names sort; a feature adds its own file and one line here.
export const migrations: Record<string, Migration> = {
  '001-core-content': coreContent,
  '002-accounts': accounts,
  '003-comments': comments,
  '004-search': search,
  '005-feed-indexes': feedIndexes,
  '006-article-urgent-index': articleUrgentIndex,
  '007-search-index-format-2': searchIndexFormat2,
  '008-headline-vocabulary': headlineVocabulary,
  '009-editorial': editorial,
  '010-media-renditions': mediaRenditions,
  '011-desk-list-indexes': deskListIndexes,
  '012-import-fidelity': importFidelity,
  '013-article-views': articleViews,
  '014-redirects': redirects,
  '015-front-page': frontPage,
  '016-search-clitic-order': searchCliticOrder,
}
