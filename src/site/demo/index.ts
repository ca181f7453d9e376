import type { Db } from '../../db/index.js'
export { seedDemoContent } from './demo-seed.js'
export type { Db }
