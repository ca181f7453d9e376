export type { Image } from './media.js'
export { imageFromRow, mediaUrl, type MediaRow } from './media.js'
export {
  getImage,
  imageFiles,
  MAX_IMAGE_BYTES,
  removeImageFiles,
  RESIZED_WIDTHS,
  resizedWidths,
  storeImage,
  type ImageUpload,
  type StoredImage,
} from './media.service.js'
