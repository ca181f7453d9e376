import { Icon, type IconName } from '../views/index.js'

/**
 * Share controls: plain links (no third-party script, no request until the reader clicks), each an
 * icon with its name beside it; copy and print are buttons of the same look, shown once site.js runs.
 */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const u = encodeURIComponent(url)
  const t = encodeURIComponent(title)
  const links: { label: string; icon: IconName; href: string }[] = [
    { label: 'واتساب', icon: 'whatsapp', href: `https://wa.me/?text=${t}%20${u}` },
    { label: 'تيليغرام', icon: 'telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { label: 'إكس', icon: 'x', href: `https://x.com/intent/post?text=${t}&url=${u}` },
    { label: 'فيسبوك', icon: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: 'البريد', icon: 'email', href: `mailto:?subject=${t}&body=${u}` },
  ]
  return (
    <section class="share" aria-labelledby="share-heading">
      <h2 id="share-heading">شارك الخبر</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a class={`share-button share-${l.icon}`} href={l.href} target="_blank" rel="noopener noreferrer nofollow">
              <Icon name={l.icon} />
              <span class="share-label" safe>{l.label}</span>
            </a>
          </li>
        ))}
        <li>
          <button type="button" class="share-button share-copy" data-copy={url} hidden>
            <Icon name="link" />
            <span class="share-label">نسخ الرابط</span>
          </button>
        </li>
        <li>
          <button type="button" class="share-button share-print" hidden>
            <Icon name="print" />
            <span class="share-label">طباعة</span>
          </button>
        </li>
      </ul>
      <p class="share-url">
        <label for="share-url-input">رابط الخبر</label>
        <input id="share-url-input" type="url" readonly value={url} dir="ltr" />
      </p>
    </section>
  )
}
