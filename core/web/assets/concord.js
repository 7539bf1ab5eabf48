// Concord's one script: completion of entity names and document symbols in the search box.
// Progressive: every page works without it. It asks /suggest (same origin, JSON) as the
// user types and offers a list under the box (arrow keys, Enter, Escape or the mouse); the
// choice replaces the word being typed by its filter (org:ILO, symbol:A/RES/77/281...).
// It writes text only through textContent, never markup.
(function () {
  'use strict';
  var input = document.querySelector('form.query input[name=q]');
  if (!input || !window.fetch) return;
  var list = document.createElement('ul');
  list.id = 'suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'suggestions');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');
  var items = [];
  var active = -1;
  var asked = 0;
  var timer = null;

  function close() {
    list.hidden = true;
    list.textContent = '';
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function choose(i) {
    input.value = items[i].value + ' ';
    close();
    input.focus();
  }
  function highlight(i) {
    var nodes = list.children;
    for (var k = 0; k < nodes.length; ++k) nodes[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
    active = i;
    input.setAttribute('aria-activedescendant', 'suggestion-' + i);
  }
  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }
  function show(suggestions) {
    close();
    suggestions.forEach(function (s, i) {
      var li = document.createElement('li');
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.appendChild(span('id', s.id.replace(/^discovered:/, '')));
      if (s.name) li.appendChild(span('name', s.name));
      li.appendChild(span('count', String(s.documents)));
      li.addEventListener('mousedown', function (e) {
        e.preventDefault();
        choose(i);
      });
      list.appendChild(li);
      items.push(s);
    });
    if (items.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value;
    var mine = ++asked;
    if (!q || q.charAt(q.length - 1) === ' ') {
      close();
      return;
    }
    timer = setTimeout(function () {
      fetch('/suggest?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (d) { if (mine === asked && input.value === q) show(d.suggestions || []); })
        .catch(close);
    }, 120);
  });
  input.addEventListener('keydown', function (e) {
    if (list.hidden || !items.length) return;
    if (e.key === 'ArrowDown') {
      highlight((active + 1) % items.length);
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      highlight((active - 1 + items.length) % items.length);
      e.preventDefault();
    } else if (e.key === 'Enter' && active >= 0) {
      choose(active);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
})();
