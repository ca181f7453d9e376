// Runs before first paint (a blocking script in <head>): applies the reader's font size, marks JS on,
// and loads the page's enhancing scripts only once its largest paint is on screen (docs/decisions/030).
;(function () {
  var root = document.documentElement
  root.classList.add('js')
  try {
    var size = localStorage.getItem('nashra.fontSize')
    if (size === '-1' || size === '1' || size === '2') root.setAttribute('data-font-size', size)
  } catch (e) {}

  // <script type="text/plain" data-after-paint="/assets/x.js?v=…"> marks a script to load once the
  // page's largest paint is on screen: a request made then ends after it, and on a phone's connection
  // shares no bandwidth with the HTML and the text font (Lighthouse counts every request that ended
  // before the LCP it observed into the LCP). The page works without them; the web app manifest,
  // which only an install needs, comes with them.
  var loaded = false
  function load() {
    if (loaded) return
    loaded = true
    var marks = document.querySelectorAll('script[data-after-paint]')
    var script
    for (var i = 0; i < marks.length; i++) {
      script = document.createElement('script')
      script.src = marks[i].getAttribute('data-after-paint')
      script.async = false
      document.head.appendChild(script)
    }
    // They run in order: once the last has, every control works (data-enhanced, which tests wait for).
    if (script) script.onload = function () { root.setAttribute('data-enhanced', '') }
    var manifest = document.createElement('link')
    manifest.rel = 'manifest'
    manifest.href = '/manifest.webmanifest'
    document.head.appendChild(manifest)
  }
  // The largest paint is reported once its frame is on screen (the first paint where the LCP is not
  // reported); a task queued from the report runs after it.
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || []
  var paint = types.indexOf('largest-contentful-paint') >= 0 ? 'largest-contentful-paint' : types.indexOf('paint') >= 0 ? 'paint' : ''
  if (paint) {
    new PerformanceObserver(function (list, observer) {
      observer.disconnect()
      setTimeout(load, 0)
    }).observe({ type: paint, buffered: true })
  }
  // No paint report: a browser without them, a page opened in a background tab (it paints only when
  // shown), or a page with nothing to paint. The load event then, a second later if a report may still come.
  addEventListener('load', function () {
    setTimeout(load, paint && document.visibilityState === 'visible' ? 1000 : 0)
  })
})()
