// Comments, enhanced: remembered name/email, the reader's own held comments, replies in place and
// submitting without leaving the page. The article page is cached for everyone, so everything
// personal is filled in here, in the reader's browser. Without this script the form still works.
;(function () {
  var form = document.getElementById('comment-form')
  var section = document.getElementById('comments')
  if (!form || !section) return
  var articleId = form.getAttribute('data-article-id')
  var respond = document.getElementById('respond')
  var respondHome = respond.parentNode
  var respondNext = respond.nextSibling
  var parentInput = document.getElementById('comment-parent')
  var title = document.getElementById('reply-title')
  var titleText = title.firstChild
  var cancel = title.querySelector('.cancel-reply')
  var status = form.querySelector('.comment-status')
  var message = form.querySelector('.form-message')
  var mine = section.querySelector('.comment-mine')
  var HELD = 'تعليقك بانتظار المراجعة'

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : []
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=')
      if (parts[i].slice(0, eq) === name) {
        try { return decodeURIComponent(parts[i].slice(eq + 1)) } catch (e) { return '' }
      }
    }
    return ''
  }

  // Remembered name, email and website (the reader ticked "remember me" last time).
  var remembered = cookie('nashra_commenter')
  if (remembered) {
    try {
      var who = JSON.parse(remembered)
      ;['name', 'email', 'url'].forEach(function (field) {
        var input = form.elements[field]
        if (input && !input.value && typeof who[field] === 'string') input.value = who[field]
      })
      form.elements.remember.checked = true
    } catch (e) {}
  }

  function heldItem(id, html) {
    var li = document.createElement('li')
    li.className = 'comment comment-held'
    li.id = 'comment-' + id
    li.innerHTML = html
    var note = document.createElement('p')
    note.className = 'held-label'
    note.textContent = HELD
    li.appendChild(note)
    return li
  }

  // The reader's own comments still waiting for a moderator: shown to them alone.
  if (cookie('nashra_held') && mine) {
    fetch('/comments/mine?article=' + encodeURIComponent(articleId), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : { comments: [] } })
      .then(function (data) {
        data.comments.forEach(function (c) { mine.appendChild(heldItem(c.id, c.html)) })
        if (data.comments.length) mine.hidden = false
      })
      .catch(function () {})
  }

  // Replies: move the one form under the comment being answered.
  function replyTo(id, name) {
    var li = document.getElementById('comment-' + id)
    if (!li) return
    parentInput.value = id
    titleText.textContent = 'الرد على ' + name + ' '
    cancel.hidden = false
    li.appendChild(respond)
    form.elements.body.focus()
  }
  function cancelReply() {
    parentInput.value = ''
    titleText.textContent = 'اترك تعليقاً'
    cancel.hidden = true
    respondHome.insertBefore(respond, respondNext)
  }
  section.addEventListener('click', function (event) {
    var link = event.target.closest('.comment-reply-link')
    if (link) {
      event.preventDefault()
      replyTo(link.getAttribute('data-reply-to'), link.getAttribute('data-reply-name'))
    } else if (event.target.closest('.cancel-reply')) {
      event.preventDefault()
      cancelReply()
    }
  })

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach(function (el) { el.hidden = true; el.textContent = '' })
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid') })
    form.querySelectorAll('.has-error').forEach(function (el) { el.classList.remove('has-error') })
    message.hidden = true
    message.textContent = ''
  }
  function showMessage(text) {
    message.textContent = ''
    var p = document.createElement('p')
    p.textContent = text
    message.appendChild(p)
    message.hidden = false
  }
  function showErrors(error) {
    var fields = error.fields || []
    var first = null
    fields.forEach(function (f) {
      var input = form.elements[f.field]
      var slot = document.getElementById('comment-' + f.field + '-error')
      if (input && slot && input.type !== 'hidden') {
        input.setAttribute('aria-invalid', 'true')
        slot.textContent = f.message
        slot.hidden = false
        slot.parentNode.classList.add('has-error')
        if (!first) first = input
      }
    })
    showMessage(fields.length ? 'لم يُرسل التعليق. صحّح الحقول المشار إليها ثم أعد الإرسال.' : error.message)
    ;(first || form.elements.body).focus()
  }

  // Submitting in place: the same endpoint and rules as the plain form, answered in JSON.
  form.addEventListener('submit', function (event) {
    event.preventDefault()
    var button = form.querySelector('button[type="submit"]')
    button.disabled = true
    clearErrors()
    status.textContent = 'جارٍ الإرسال…'
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
    })
      .then(function (res) {
        return res.json().then(function (data) { return { ok: res.ok, data: data } }, function () { return { ok: false, data: { error: { message: 'تعذّر إرسال التعليق. ما كتبته ما زال في النموذج؛ حاول مجدداً.' } } } })
      })
      .then(function (answer) {
        button.disabled = false
        if (!answer.ok) {
          status.textContent = ''
          // An expired form comes back with a fresh token: the next try sends it.
          if (answer.data.error && answer.data.error.formToken) form.elements.ts.value = answer.data.error.formToken
          showErrors(answer.data.error || {})
          return
        }
        var data = answer.data
        var parentId = parentInput.value
        var item
        if (data.status === 'approved') {
          item = document.createElement('li')
          item.className = 'comment'
          item.id = 'comment-' + data.id
          item.innerHTML = data.html
          var count = document.getElementById('comments-count')
          if (count && data.countText) count.textContent = '(' + data.countText + ')'
        } else {
          item = heldItem(data.id, data.html)
        }
        var parent = parentId && document.getElementById('comment-' + parentId)
        if (parent && data.status === 'approved') {
          var children = parent.querySelector(':scope > ol.children')
          if (!children) {
            children = document.createElement('ol')
            children.className = 'children'
            parent.appendChild(children)
          }
          children.appendChild(item)
        } else if (data.status === 'approved') {
          var list = section.querySelector('.comment-list:not(.comment-mine)')
          if (!list) {
            list = document.createElement('ol')
            list.className = 'comment-list'
            mine.parentNode.insertBefore(list, mine.nextSibling)
          }
          list.appendChild(item)
        } else {
          mine.appendChild(item)
          mine.hidden = false
        }
        form.elements.body.value = ''
        if (parentId) cancelReply()
        status.textContent = data.message
        item.setAttribute('tabindex', '-1')
        item.scrollIntoView({ block: 'center' })
      })
      .catch(function () {
        button.disabled = false
        status.textContent = ''
        showMessage('تعذّر الاتصال بالموقع. ما كتبته ما زال في النموذج؛ حاول مجدداً.')
      })
  })

  // Reports, sent in place.
  section.addEventListener('submit', function (event) {
    var report = event.target.closest('.report-form')
    if (!report) return
    event.preventDefault()
    fetch(report.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(report)).toString(),
    })
      .then(function (res) { return res.json().then(function (data) { return { ok: res.ok, data: data } }) })
      .then(function (answer) {
        var note = document.createElement('p')
        note.setAttribute('role', 'status')
        note.textContent = answer.ok ? answer.data.message : (answer.data.error && answer.data.error.message) || 'تعذّر إرسال البلاغ.'
        report.replaceWith(note)
      })
      .catch(function () {})
  })
})()
