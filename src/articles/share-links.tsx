/** Share links are plain links: no third-party script, no request until the reader clicks. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const u = encodeURIComponent(url)
  const t = encodeURIComponent(title)
  const links = [
    { label: 'واتساب', cls: 'whatsapp', href: `https://wa.me/?text=${t}%20${u}` },
    { label: 'تيليغرام', cls: 'telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { label: 'إكس', cls: 'x', href: `https://x.com/intent/post?text=${t}&url=${u}` },
    { label: 'فيسبوك', cls: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: 'البريد', cls: 'email', href: `mailto:?subject=${t}&body=${u}` },
  ]
  return (
    <section class="share" aria-labelledby="share-heading">
      <h2 id="share-heading">شارك الخبر</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a class={`share-${l.cls}`} href={l.href} target="_blank" rel="noopener noreferrer nofollow" safe>
              {l.label}
            </a>
          </li>
        ))}
        <li>
          <button type="button" class="share-copy" data-copy={url} hidden>
            نسخ الرابط
          </button>
        </li>
        <li>
          <button type="button" class="share-print" hidden>
            طباعة
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
