// Runs before first paint (a blocking script in <head>): applies the reader's font size, marks JS on.
;(function () {
  var root = document.documentElement
  root.classList.add('js')
  try {
    var size = localStorage.getItem('nashra.fontSize')
    if (size === '-1' || size === '1' || size === '2') root.setAttribute('data-font-size', size)
  } catch (e) {}
})()
