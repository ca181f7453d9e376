export type { Image, ImageType, ImageVariant, MediaRow, Rendition } from './media.js'
export { imageFromRow, mediaUrl, srcsetOf } from './media.js'
export { ResponsiveImage, type ResponsiveImageProps } from './responsive-image.js'
export { MAX_IMAGE_BYTES, RENDITION_WIDTHS, renditionWidths } from './image-encode.js'
export {
  findImages,
  findImagesMissingAlt,
  getImage,
  imageFiles,
  listImages,
  MEDIA_DIR,
  ORIGINALS_DIR,
  removeImageFiles,
  storeImage,
  updateImageText,
  type ImageUpload,
  type StoredImage,
} from './media.service.js'
export { mediaApiRoutes } from './media-api.routes.js'
export { mediaLibraryRoutes } from './media.routes.js'
