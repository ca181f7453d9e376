// Suggestions while typing in the article editor (src/newsroom/article-edit.page.tsx):
//  - <input data-suggest-url="/newsroom/articles/suggest/tags" list="…">: a comma-separated list;
//    the <datalist> offers the text typed so far with the last item completed by a known name.
//  - <input data-suggest-url="…/people" data-append-to="f-authors" hidden>: shown here; a name
//    picked or typed and confirmed with Enter goes on a new line of that textarea.
// JSON: GET url?q= → {suggestions:[{name,slug}]}. Without JavaScript the fields are plain text.
;(function () {
  'use strict'
  var DELAY_MS = 200

  function lastItem(value) {
    var parts = value.split(/[,،]/)
    return { head: parts.slice(0, -1).join('،'), last: parts[parts.length - 1].trim() }
  }

  function setup(input) {
    var url = input.getAttribute('data-suggest-url')
    var list = document.getElementById(input.getAttribute('list') || '')
    if (!url || url.charAt(0) !== '/' || !list) return
    var target = document.getElementById(input.getAttribute('data-append-to') || '')
    var appends = target !== null && target.tagName === 'TEXTAREA'
    var timer = 0
    var controller = null
    var asked = ''

    function fill(names) {
      list.textContent = ''
      var split = appends ? { head: '', last: input.value.trim() } : lastItem(input.value)
      names.forEach(function (name) {
        var option = document.createElement('option')
        option.value = split.head ? split.head.replace(/\s+$/, '') + '، ' + name : name
        list.appendChild(option)
      })
    }

    function ask() {
      var q = appends ? input.value.trim() : lastItem(input.value).last
      if (q === asked) return
      asked = q
      if (!q) return fill([])
      if (controller) controller.abort()
      controller = typeof AbortController === 'function' ? new AbortController() : null
      fetch(url + '?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' }, credentials: 'same-origin', signal: controller ? controller.signal : undefined })
        .then(function (res) {
          return res.ok ? res.json() : { suggestions: [] }
        })
        .then(function (data) {
          fill((data.suggestions || []).map(function (s) { return s.name }))
        })
        .catch(function () {})
    }

    input.addEventListener('input', function (event) {
      // A pick from the datalist is an input without inputType (or a replacement), not typing.
      if (appends && (!event.inputType || event.inputType === 'insertReplacementText')) return add()
      clearTimeout(timer)
      timer = setTimeout(ask, DELAY_MS)
    })

    function add() {
      var name = input.value.trim()
      if (!name) return
      target.value = target.value.replace(/\s+$/, '') + (target.value.trim() ? '\n' : '') + name
      target.dispatchEvent(new Event('input', { bubbles: true }))
      input.value = ''
      fill([])
      asked = ''
    }

    if (appends) {
      input.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          event.preventDefault()
          add()
        }
      })
      input.hidden = false
    }
  }

  var inputs = document.querySelectorAll('input[data-suggest-url]')
  for (var i = 0; i < inputs.length; i++) setup(inputs[i])
})()
