import { can, roleNames } from './roles.js'
import { type Staff } from './account.js'
import { NewsroomLayout } from './newsroom-layout.js'
import { NEWSROOM_NAV } from './newsroom-nav.js'

/** /newsroom: a greeting and the sections this role may open. */
export function NewsroomHomePage({ staff, csrf }: { staff: Staff; csrf: string }) {
  const sections = NEWSROOM_NAV.filter((item) => item.href !== '/newsroom' && can(staff.role, item.permission))
  return (
    <NewsroomLayout staff={staff} title="الرئيسية" csrf={csrf} current="/newsroom">
      <section class="nr-panel" aria-labelledby="home-heading">
        <h1 id="home-heading">
          أهلاً، <span safe>{staff.name}</span>
        </h1>
        <p>
          دورك: <strong safe>{roleNames[staff.role]}</strong>
        </p>
        {sections.length > 0 ? (
          <ul class="nr-cards">
            {sections.map((item) => (
              <li class="nr-card">
                <h2>
                  <a href={item.href} safe>
                    {item.label}
                  </a>
                </h2>
                <p safe>{item.description}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>لا أقسام متاحة لدورك بعد.</p>
        )}
      </section>
    </NewsroomLayout>
  )
}
