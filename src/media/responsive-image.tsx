import { fallbackType, srcsetOf, type Image } from './media.js'

export interface ResponsiveImageProps {
  image: Image
  /** The `sizes` attribute: how wide the image is shown, e.g. `(min-width: 900px) 760px, 100vw`. */
  sizes: string
  /** The page's main image (lead story, article photo): fetched at once and first. Others load lazily. */
  eager?: boolean
}

/**
 * An image for readers: WebP renditions for browsers that take them, the JPEG ones for the rest,
 * each with every width so the browser picks by `sizes`; width and height keep its room while it loads.
 */
export function ResponsiveImage({ image, sizes, eager }: ResponsiveImageProps) {
  const webp = fallbackType(image.variants) === 'image/jpeg' ? srcsetOf(image, 'image/webp') : ''
  const img = (
    <img
      src={image.src}
      srcset={image.srcset || undefined}
      sizes={image.srcset ? sizes : undefined}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      fetchpriority={eager ? 'high' : undefined}
    />
  )
  if (!webp) return img
  return (
    <picture>
      <source type="image/webp" srcset={webp} sizes={sizes} />
      {img}
    </picture>
  )
}
