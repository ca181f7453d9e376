import type { ErrorCode } from './errors.js'

/** Arabic copy for every error code; a code without copy does not compile. */
export const errorMessages: Record<ErrorCode, string> = {
  not_found: 'لم نعثر على هذه الصفحة.',
  article_not_found: 'لم نعثر على هذا الخبر.',
  section_not_found: 'لم نعثر على هذا القسم.',
  tag_not_found: 'لم نعثر على هذا الوسم.',
  person_not_found: 'لم نعثر على هذا الكاتب.',
  bad_request: 'الطلب غير صالح.',
  invalid_parameter: 'قيمة غير صالحة في الطلب.',
  unauthorized: 'يلزم تسجيل الدخول.',
  forbidden: 'ليست لديك صلاحية لهذا الإجراء.',
  csrf: 'تعذّر التحقق من مصدر الطلب. أعد تحميل الصفحة وحاول مجدداً.',
  rate_limited: 'طلبات كثيرة في وقت قصير. انتظر قليلاً ثم حاول مجدداً.',
  payload_too_large: 'حجم الطلب أكبر من المسموح.',
  uri_too_long: 'عنوان الصفحة أطول من المسموح.',
  headers_too_large: 'ترويسات الطلب أكبر من المسموح، وكثيراً ما تكون ملفات تعريف الارتباط (الكوكيز) هي السبب.',
  request_timeout: 'انتهت مهلة الطلب قبل أن يكتمل وصوله. حاول مجدداً.',
  unsupported_media_type: 'نوع المحتوى غير مدعوم.',
  conflict: 'تعارض مع بيانات موجودة.',
  field_required: 'هذا الحقل مطلوب.',
  field_too_long: 'النص أطول من الحد المسموح.',
  invalid_url: 'عنوان الموقع غير صالح.',
  invalid_text: 'النص يحتوي على ترميز غير صالح.',
  comment_parent_invalid: 'التعليق الذي تردّ عليه غير موجود في هذا الخبر.',
  comments_closed: 'التعليقات مغلقة على هذا الخبر.',
  comment_duplicate: 'يبدو أنك أرسلت هذا التعليق من قبل.',
  comment_rejected: 'تعذّر قبول هذا التعليق لأنه يخالف قواعد النشر.',
  comment_too_fast: 'أُرسل النموذج بسرعة كبيرة. انتظر لحظات ثم أعد الإرسال.',
  comment_form_expired: 'انتهت صلاحية نموذج التعليق لأن الصفحة فُتحت منذ وقت طويل. ما كتبته ما زال في النموذج؛ أعد إرساله.',
  comment_not_found: 'لم نعثر على هذا التعليق.',
  invalid_email: 'عنوان البريد الإلكتروني غير صالح.',
  invalid_role: 'الدور غير معروف. الأدوار المتاحة: admin وeditor وwriter وmoderator.',
  password_too_short: 'كلمة المرور قصيرة: عشرة أحرف على الأقل.',
  account_exists: 'يوجد حساب بهذا البريد الإلكتروني.',
  account_not_found: 'لا يوجد حساب بهذا البريد الإلكتروني.',
  media_not_image: 'الملف ليس صورة بصيغة مدعومة (JPEG أو PNG أو WebP أو GIF أو AVIF).',
  media_too_large: 'الصورة أكبر من المسموح (20 ميغابايت أو 50 مليون بكسل).',
  media_not_found: 'لم نعثر على هذه الصورة.',
  legal_review_pending: 'لا يمكن نشر هذه المقالة أو جدولتها قبل موافقة المستشار القانوني عليها.',
  legal_not_pending: 'هذه المقالة لا تنتظر مراجعة قانونية الآن.',
  invalid_transition: 'لا يمكن نقل المقالة إلى هذه الحالة من حالتها الحالية.',
  autosave_not_draft: 'الحفظ التلقائي للمسودات وحدها: هذه المقالة منشورة أو مجدولة، فاحفظ تعديلاتك بزر الحفظ.',
  publish_at_past: 'موعد النشر المجدول يجب أن يكون في المستقبل.',
  image_alt_missing: 'أضف نصاً بديلاً (وصفاً) لكل صورة في المقالة قبل نشرها.',
  revision_not_found: 'لم نعثر على هذه النسخة من المقالة.',
  internal: 'حدث خطأ غير متوقع من جهتنا. نعتذر، وقد سُجّل الخطأ لمعالجته.',
}

/** Arabic names of request fields, for messages that name the field at fault. */
export const fieldNames: Record<string, string> = {
  page: 'رقم الصفحة',
  limit: 'عدد النتائج',
  q: 'نص البحث',
  id: 'المعرّف',
  section: 'القسم',
  tag: 'الوسم',
  author: 'الكاتب',
  title: 'العنوان',
  bodyHtml: 'نص المقال',
  publishAt: 'موعد النشر',
  skin: 'المظهر',
  body: 'التعليق',
  parentId: 'التعليق الأصلي',
  reason: 'سبب الإبلاغ',
  email: 'البريد الإلكتروني',
  name: 'الاسم',
  role: 'الدور',
  password: 'كلمة المرور',
  file: 'الملف',
  url: 'الموقع الإلكتروني',
  address: 'عنوان الصفحة',
  article: 'الخبر',
  articleId: 'الخبر',
}

export function messageFor(code: ErrorCode, field?: string): string {
  const base = errorMessages[code]
  if (!field) return base
  // Own properties only: a field name can come from a request (`constructor` is not one of ours).
  return `${base} (الحقل: ${Object.hasOwn(fieldNames, field) ? fieldNames[field] : field})`
}
