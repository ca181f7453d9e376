export { DEMO_ARTICLES, seedDemoContent } from './demo-seed.js'
