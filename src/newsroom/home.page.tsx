import { can, NEWSROOM_NAV, NewsroomLayout, roleNames, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'
import { DateTime, StatusBadge } from './desk-views.js'
import type { HomeGroup } from './home.service.js'

/** /newsroom: what waits for this person (counts and the newest of each), then every section their role opens. */
export function NewsroomHomePage({ staff, csrf, format, groups }: { staff: Staff; csrf: string; format: Formatter; groups: HomeGroup[] }) {
  const sections = NEWSROOM_NAV.filter((item) => item.href !== '/newsroom' && can(staff.role, item.permission))
  const withItems = groups.filter((g) => g.items.length > 0)
  return (
    <NewsroomLayout staff={staff} title="الرئيسية" csrf={csrf} current="/newsroom">
      <section class="nr-panel" aria-labelledby="home-heading">
        <div class="nr-page-head nr-page-head-row">
          <h1 id="home-heading">
            أهلاً، <span safe>{staff.name}</span>
          </h1>
          {can(staff.role, 'articles.create') ? (
            <a class="nr-button" href="/newsroom/articles/new">
              مقالة جديدة
            </a>
          ) : (
            ''
          )}
        </div>
        <p>
          دورك: <strong safe>{roleNames[staff.role]}</strong>
        </p>
        {groups.length > 0 ? (
          <ul class="nr-stats" aria-label="ملخص العمل">
            {groups.map((g) => (
              <li class={g.urgent ? 'nr-stat nr-stat-urgent' : 'nr-stat'}>
                <a href={g.href}>
                  <span class="nr-stat-count" safe>
                    {format.number(g.count)}
                  </span>
                  <span class="nr-stat-label" safe>
                    {g.title}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
      </section>
      {withItems.length > 0 ? (
        <div class="nr-home-groups">
          {withItems.map((g) => (
            <section class="nr-panel nr-home-group" aria-labelledby={`group-${g.key}`}>
              <h2 id={`group-${g.key}`}>
                <span safe>{g.title}</span> <span class="nr-count" safe>{format.number(g.count)}</span>
              </h2>
              <ul class="nr-home-list">
                {g.items.map((item) => (
                  <li>
                    <a href={item.href} dir="auto" safe>
                      {item.title}
                    </a>
                    <span class="nr-muted">
                      {' '}
                      {item.status ? <StatusBadge status={item.status} /> : ''}{' '}
                      {item.status === 'scheduled' && item.publishAt ? (
                        <>
                          موعد النشر <DateTime format={format} date={item.publishAt} />
                        </>
                      ) : (
                        <DateTime format={format} date={item.updatedAt} />
                      )}
                    </span>
                    {item.note ? (
                      <p class="nr-legal-note" dir="auto" safe>
                        {item.note}
                      </p>
                    ) : (
                      ''
                    )}
                  </li>
                ))}
              </ul>
              <p>
                <a href={g.href}>عرض الكل</a>
              </p>
            </section>
          ))}
        </div>
      ) : (
        ''
      )}
      {sections.length > 0 ? (
        <section class="nr-panel" aria-labelledby="sections-heading">
          <h2 id="sections-heading">أقسام غرفة الأخبار</h2>
          <ul class="nr-cards">
            {sections.map((item) => (
              <li class="nr-card">
                <h3>
                  <a href={item.href} safe>
                    {item.label}
                  </a>
                </h3>
                <p safe>{item.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </NewsroomLayout>
  )
}
