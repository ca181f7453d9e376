// The feeds feature's front door: RSS, Atom, JSON Feed, sitemaps and OpenSearch.
export { feedRoutes } from './feeds.routes.js'
export { absoluteLinks, FEED_SIZE, SITEMAP_URLS_PER_FILE } from './feeds.service.js'
