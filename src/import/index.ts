export { importSaudiNewsNet, type ImportOptions, type ImportSummary } from './saudinewsnet.service.js'
export { ImportError, ImportFileError, MAX_JSON_BYTES, readSaudiNewsNetFile, type SaudiNewsNetRecord } from './saudinewsnet.reader.js'
export { NEWSPAPERS, type SkipReason } from './saudinewsnet.mapper.js'
export { isNotAPerson, parseByline, type Byline } from './saudinewsnet.byline.js'
