// Runs before first paint (a blocking script in <head>): applies the reader's font size, marks JS on,
// and loads the page's enhancing scripts only after the first paint (docs/decisions/030).
;(function () {
  var root = document.documentElement
  root.classList.add('js')
  try {
    var size = localStorage.getItem('nashra.fontSize')
    if (size === '-1' || size === '1' || size === '2') root.setAttribute('data-font-size', size)
  } catch (e) {}

  // <script type="text/plain" data-after-paint="/assets/x.js?v=…"> marks a script to load once the
  // page has painted: on a phone's connection it then shares no bandwidth with the HTML and the text
  // font (Lighthouse counts every request that ends before the LCP into it). The page works without it.
  function load() {
    var marks = document.querySelectorAll('script[data-after-paint]')
    for (var i = 0; i < marks.length; i++) {
      var script = document.createElement('script')
      script.src = marks[i].getAttribute('data-after-paint')
      script.async = false
      document.head.appendChild(script)
    }
  }
  // The frame after DOMContentLoaded has painted by the time a task queued from its callback runs.
  document.addEventListener('DOMContentLoaded', function () {
    requestAnimationFrame(function () { setTimeout(load, 0) })
  })
})()
