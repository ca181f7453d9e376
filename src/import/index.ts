export { ImportWriteError, importSaudiNewsNet, type ImportOptions, type ImportSummary } from './saudinewsnet.service.js'
export { ImportFileError, readSaudiNewsNetFile, type SaudiNewsNetRecord } from './saudinewsnet.reader.js'
export { NEWSPAPERS, type SkipReason } from './saudinewsnet.mapper.js'
export { parseByline, type Byline } from './saudinewsnet.byline.js'
