import type { Staff } from './account.js'
import { NewsroomLayout } from './newsroom-layout.js'

/** A signed-in staff member whose role does not allow this page. */
export function ForbiddenPage({ staff, csrf }: { staff: Staff; csrf: string }) {
  return (
    <NewsroomLayout staff={staff} title="غير مسموح" csrf={csrf}>
      <section class="nr-panel" aria-labelledby="forbidden-heading">
        <h1 id="forbidden-heading">غير مسموح</h1>
        <p>ليست لديك صلاحية لفتح هذه الصفحة. إن احتجت إليها فاطلبها من مدير النظام.</p>
        <p>
          <a href="/newsroom">العودة إلى غرفة الأخبار</a>
        </p>
      </section>
    </NewsroomLayout>
  )
}
