// Progressive enhancement for reader pages; every feature here also works (more plainly) without it.
;(function () {
  var root = document.documentElement

  // Skin: apply at once and remember in the cookie the server reads (no reload, no flash).
  var skinForm = document.querySelector('.skin-selector')
  if (skinForm) {
    var select = skinForm.querySelector('select')
    select.addEventListener('change', function () {
      var skin = select.value
      root.setAttribute('data-skin', skin)
      var meta = document.querySelector('meta[name="color-scheme"]')
      if (meta) meta.setAttribute('content', skin === 'auto' ? 'light dark' : skin === 'dark' ? 'dark' : 'light')
      var secure = location.protocol === 'https:' ? '; Secure' : ''
      document.cookie = 'skin=' + skin + '; Path=/; Max-Age=31536000; SameSite=Lax' + secure
    })
  }

  // Font size: three steps, remembered in localStorage (applied before paint by early.js).
  var sizeControl = document.querySelector('.font-size-control')
  if (sizeControl) {
    sizeControl.hidden = false
    sizeControl.addEventListener('click', function (event) {
      var button = event.target.closest('[data-font-step]')
      if (!button) return
      var step = Number(button.getAttribute('data-font-step'))
      var current = Number(root.getAttribute('data-font-size') || '0')
      var next = step === 0 ? 0 : Math.max(-1, Math.min(2, current + step))
      if (next === 0) root.removeAttribute('data-font-size')
      else root.setAttribute('data-font-size', String(next))
      try { localStorage.setItem('nashra.fontSize', String(next)) } catch (e) {}
    })
  }

  // Share: copy link and print need JS, so they are hidden until it runs.
  document.querySelectorAll('.share-copy').forEach(function (button) {
    button.hidden = false
    button.addEventListener('click', function () {
      var url = button.getAttribute('data-copy')
      var label = button.querySelector('.share-label') || button
      navigator.clipboard.writeText(url).then(function () {
        label.textContent = 'نُسخ الرابط'
        setTimeout(function () { label.textContent = 'نسخ الرابط' }, 2000)
      }, function () { window.prompt('انسخ الرابط', url) })
    })
  })
  document.querySelectorAll('.share-print').forEach(function (button) {
    button.hidden = false
    button.addEventListener('click', function () { window.print() })
  })

  // Back to top: shown once the reader has scrolled, hidden while the comment form is on screen (it
  // must never cover a field; CSS also hides it while the form has focus); moves focus to the top.
  var backToTop = document.querySelector('.back-to-top')
  if (backToTop) {
    var formInView = false
    var update = function () { backToTop.setAttribute('data-hidden', window.scrollY > 400 && !formInView ? 'false' : 'true') }
    var commentForm = document.getElementById('respond')
    if (commentForm && 'IntersectionObserver' in window) {
      new IntersectionObserver(function (entries) {
        formInView = entries[0].isIntersecting
        update()
      }).observe(commentForm)
    }
    update()
    window.addEventListener('scroll', update, { passive: true })
    backToTop.addEventListener('click', function (event) {
      event.preventDefault()
      window.scrollTo({ top: 0 })
      var top = document.getElementById('top')
      if (top) top.focus({ preventScroll: true })
      history.replaceState(null, '', location.pathname + location.search)
    })
  }

  // A strip that scrolls sideways fades at its far end until the reader reaches that end.
  document.querySelectorAll('[data-scroll-hint]').forEach(function (strip) {
    var mark = function () {
      var left = Math.abs(strip.scrollLeft)
      var more = strip.scrollWidth - strip.clientWidth - left > 4
      strip.setAttribute('data-scroll-hint', more ? 'more' : 'end')
    }
    mark()
    strip.addEventListener('scroll', mark, { passive: true })
    window.addEventListener('resize', mark)
  })

  // Search filters: folded on phones when a query is shown (server-rendered), open where there is room.
  if (window.matchMedia('(min-width: 48rem)').matches) {
    document.querySelectorAll('details[data-open-wide]').forEach(function (details) { details.open = true })
  }
})()
