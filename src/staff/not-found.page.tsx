import type { Staff } from './account.js'
import { NewsroomLayout } from './newsroom-layout.js'

/** An unknown address under /newsroom. */
export function NewsroomNotFoundPage({ staff, csrf }: { staff?: Staff; csrf?: string }) {
  return (
    <NewsroomLayout staff={staff} title="الصفحة غير موجودة" csrf={csrf}>
      <section class="nr-panel" aria-labelledby="not-found-heading">
        <h1 id="not-found-heading">الصفحة غير موجودة</h1>
        <p>لا توجد في غرفة الأخبار صفحة بهذا العنوان.</p>
        <p>
          <a href={staff ? '/newsroom' : '/newsroom/login'}>{staff ? 'العودة إلى غرفة الأخبار' : 'تسجيل الدخول'}</a>
        </p>
      </section>
    </NewsroomLayout>
  )
}
