export { editorAssetRoutes, editorAssets } from './editor-assets.js'
