import { Breadcrumbs, Layout, type SiteChrome } from '../views/index.js'
import type { Person } from './person.js'

export function MastheadPage({ chrome, people }: { chrome: SiteChrome; people: Person[] }) {
  return (
    <Layout chrome={chrome} meta={{ title: 'أسرة التحرير', path: '/masthead', canonical: chrome.baseUrl + '/masthead', description: `أسرة تحرير ${chrome.settings.name}` }}>
      <div class="wrap masthead-page">
        <Breadcrumbs items={[{ label: 'الرئيسية', href: '/' }, { label: 'أسرة التحرير' }]} />
        <h1>أسرة التحرير</h1>
        {people.length === 0 ? (
          <p class="empty">لم تُضف أسماء أسرة التحرير بعد.</p>
        ) : (
          <dl class="masthead-list">
            {people.map((p) => (
              <div class="masthead-entry">
                <dt safe>{p.title}</dt>
                <dd>
                  <a href={p.path} safe>{p.name}</a>
                  {p.bio ? <p class="person-bio" safe>{p.bio}</p> : ''}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </Layout>
  )
}
