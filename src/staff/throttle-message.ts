const plural = new Intl.PluralRules('ar')

/** «دقيقة واحدة», «دقيقتين», «٣ دقائق», «١١ دقيقة»: Arabic number agreement. */
export function minutesInArabic(minutes: number): string {
  switch (plural.select(minutes)) {
    case 'one':
      return 'دقيقة واحدة'
    case 'two':
      return 'دقيقتين'
    case 'few':
      return `${minutes} دقائق`
    default:
      return `${minutes} دقيقة`
  }
}

export function throttledMessage(waitSeconds: number): string {
  return `محاولات دخول فاشلة كثيرة. لحماية الحساب أوقفنا المحاولات مؤقتاً؛ حاول مجدداً بعد ${minutesInArabic(Math.max(1, Math.ceil(waitSeconds / 60)))}.`
}
