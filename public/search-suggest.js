// Search-as-you-type for every <input data-suggest="/api/v1/search/suggest">: an ARIA 1.2
// combobox with a listbox of headlines. Same-origin requests only; without JavaScript the
// form simply submits to /search.
;(function () {
  'use strict'
  var DELAY_MS = 150
  var counter = 0

  function setup(input) {
    var endpoint = input.getAttribute('data-suggest')
    if (!endpoint || endpoint.charAt(0) !== '/') return
    var id = 'suggest-' + ++counter
    var list = document.createElement('ul')
    list.id = id
    list.className = 'suggest-list'
    list.setAttribute('role', 'listbox')
    list.setAttribute('aria-label', 'اقتراحات البحث')
    list.hidden = true
    var status = document.createElement('p')
    status.className = 'visually-hidden'
    status.setAttribute('role', 'status')
    status.setAttribute('aria-live', 'polite')
    input.parentNode.appendChild(list)
    input.parentNode.appendChild(status)
    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-expanded', 'false')
    input.setAttribute('aria-controls', id)

    var timer = 0
    var controller = null
    var items = []
    var active = -1
    var lastQuery = ''

    function close() {
      list.hidden = true
      input.setAttribute('aria-expanded', 'false')
      input.removeAttribute('aria-activedescendant')
      active = -1
    }

    function highlight(index) {
      if (active >= 0 && items[active]) items[active].el.setAttribute('aria-selected', 'false')
      active = index
      if (active >= 0 && items[active]) {
        items[active].el.setAttribute('aria-selected', 'true')
        input.setAttribute('aria-activedescendant', items[active].el.id)
        items[active].el.scrollIntoView({ block: 'nearest' })
      } else {
        input.removeAttribute('aria-activedescendant')
      }
    }

    function render(suggestions) {
      list.textContent = ''
      items = []
      suggestions.forEach(function (s, i) {
        var li = document.createElement('li')
        li.id = id + '-' + i
        li.setAttribute('role', 'option')
        li.setAttribute('aria-selected', 'false')
        var title = document.createElement('span')
        title.className = 'suggest-title'
        title.textContent = s.title
        var section = document.createElement('span')
        section.className = 'suggest-section'
        section.textContent = s.section
        li.appendChild(title)
        li.appendChild(section)
        // mousedown, not click: it fires before the input loses focus and closes the list.
        li.addEventListener('mousedown', function (event) {
          event.preventDefault()
          go(s.path)
        })
        list.appendChild(li)
        items.push({ el: li, path: s.path })
      })
      active = -1
      if (items.length > 0) {
        list.hidden = false
        input.setAttribute('aria-expanded', 'true')
        status.textContent = items.length === 1 ? 'اقتراح واحد متاح' : items.length === 2 ? 'اقتراحان متاحان' : items.length + ' اقتراحات متاحة'
      } else {
        close()
        status.textContent = ''
      }
    }

    function go(path) {
      if (typeof path === 'string' && path.charAt(0) === '/' && path.charAt(1) !== '/') window.location.assign(path)
    }

    function fetchSuggestions() {
      var q = input.value
      if (q === lastQuery) return
      lastQuery = q
      if (q.trim().length < 2) {
        render([])
        return
      }
      if (controller) controller.abort()
      controller = typeof AbortController === 'function' ? new AbortController() : null
      fetch(endpoint + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', signal: controller ? controller.signal : undefined, headers: { accept: 'application/json' } })
        .then(function (res) {
          return res.ok ? res.json() : { suggestions: [] }
        })
        .then(function (data) {
          if (input.value === q && document.activeElement === input) render(data.suggestions || [])
        })
        .catch(function () {})
    }

    input.addEventListener('input', function () {
      clearTimeout(timer)
      timer = setTimeout(fetchSuggestions, DELAY_MS)
    })
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (list.hidden) {
          if (items.length > 0) {
            list.hidden = false
            input.setAttribute('aria-expanded', 'true')
          }
          return
        }
        event.preventDefault()
        var step = event.key === 'ArrowDown' ? 1 : -1
        var next = active + step
        if (next >= items.length) next = -1
        if (next < -1) next = items.length - 1
        highlight(next)
      } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
        event.preventDefault()
        go(items[active].path)
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault()
        close()
      }
    })
    input.addEventListener('blur', close)
    // early.js loads this file after the first paint: a reader may already have typed by then.
    if (document.activeElement === input && input.value) timer = setTimeout(fetchSuggestions, DELAY_MS)
  }

  function init() {
    var inputs = document.querySelectorAll('input[data-suggest]')
    for (var i = 0; i < inputs.length; i++) setup(inputs[i])
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init)
  else init()
})()
