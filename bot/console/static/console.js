// Console: inbox and chat refresh without reload (polling server-rendered, escaped HTML) and one-click insert.
(function () {
  "use strict";
  var history = document.getElementById("history");
  var reply = document.getElementById("reply-text");
  var timers = [];

  // A poll answered 401: the session ended (logged out elsewhere, new password, account locked). The page
  // would silently go stale, so stop polling and show the notice (with its login link) that base.html holds.
  function readFeed(response) {
    if (response.status === 401) {
      timers.forEach(function (timer) { clearInterval(timer); });
      var notice = document.getElementById("session-ended");
      if (notice) { notice.hidden = false; }
      return null;
    }
    return response.ok ? response.json() : null;
  }

  document.querySelectorAll("button.insert").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!reply) { return; }
      var text = button.getAttribute("data-text") || "";
      reply.value = reply.value ? reply.value.replace(/\s*$/, "") + "\n\n" + text : text;
      reply.focus();
      reply.dispatchEvent(new Event("input"));
    });
  });

  keepDraft(reply);

  // A reply typed while the session ends must survive the new login. It is kept in this tab's
  // sessionStorage only (never sent anywhere unauthenticated), keyed by officer and ticket (another
  // officer logging in on this tab does not see it), put back into the empty box when the ticket page
  // opens again, and forgotten once the server marks the reply as queued (data-sent) or on logout.
  var logout = document.getElementById("logout");
  if (logout) {
    logout.addEventListener("submit", function () {
      try {
        Object.keys(sessionStorage).forEach(function (key) {
          if (key.indexOf("pst-reply:") === 0) { sessionStorage.removeItem(key); }
        });
      } catch (e) { /* storage disabled: nothing was kept */ }
    });
  }

  function keepDraft(box) {
    if (!box || !box.hasAttribute("data-draft")) { return; }
    var key = "pst-reply:" + box.getAttribute("data-draft");
    try {
      if (box.hasAttribute("data-sent")) { sessionStorage.removeItem(key); }
      var kept = sessionStorage.getItem(key);
      if (kept && !box.value) {
        box.value = kept;
        var notice = document.getElementById("draft-restored");
        if (notice) { notice.hidden = false; }
      }
      box.addEventListener("input", function () {
        if (box.value) { sessionStorage.setItem(key, box.value); } else { sessionStorage.removeItem(key); }
      });
    } catch (e) { /* storage disabled: the box works as before */ }
  }

  var queue = document.getElementById("queue");
  if (queue) { watchInbox(queue); }

  // Polls keep going in a background tab, only slower: every `data-every` ms while visible, every
  // `data-every-hidden` ms while hidden (Chrome may stretch that to a minute after five hidden minutes), and
  // at once when the tab comes back. Polling, not server-sent events: see docs/console.md.
  function due(box, last, visible, hidden) {
    var every = parseInt(box.getAttribute(document.hidden ? "data-every-hidden" : "data-every") ||
                         (document.hidden ? hidden : visible), 10);
    return Date.now() - last >= every - 250;
  }
  function onReturn(callback) {
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { callback(true); } });
  }

  // The inbox: table and tab counts come back rendered (and escaped) by the same Jinja partial as the page;
  // activity.js hears each answer ("pst:inbox") for the unread count in the title and notifications.
  function watchInbox(box) {
    var feed = box.getAttribute("data-feed");
    var shown = null;
    var waiting = false;
    var lastRun = Date.now();
    function refresh(now) {
      if (waiting || !(now === true || due(box, lastRun, 5000, 30000))) { return; }
      waiting = true;
      lastRun = Date.now();
      fetch(feed, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(readFeed)
        .then(function (data) {
          if (!data) { return; }
          if (data.html !== shown && !box.contains(document.activeElement)) {  // not under the officer's cursor
            box.innerHTML = data.html;
            shown = data.html;
          }
          Object.keys(data.counts).forEach(function (key) {
            var count = document.querySelector('[data-count-for="' + key + '"]');
            if (!count) { return; }
            count.textContent = String(data.counts[key]);
            var tab = count.parentElement;
            if (tab.hasAttribute("data-alert")) { tab.classList.toggle("alert", data.counts[key] > 0); }
          });
          box.dispatchEvent(new CustomEvent("pst:inbox", {detail: data}));
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ })
        .then(function () { waiting = false; });
    }
    timers.push(setInterval(refresh, 1000));
    onReturn(refresh);
  }

  if (!history) { return; }
  var url = history.getAttribute("data-feed");
  var last = parseInt(history.getAttribute("data-last") || "0", 10);
  var busy = false;
  var polled = Date.now();

  var seenUpTo = last;

  // `seen=1` only while the tab is visible: the officer sees what arrives, so the ticket counts as read up to
  // there. A visible poll asks from the last message seen, so what came while hidden is counted once back.
  function poll(now) {
    if (busy || !(now === true || due(history, polled, 3000, 30000))) { return; }
    busy = true;
    polled = Date.now();
    var visible = !document.hidden;
    var query = visible ? "?after=" + seenUpTo + "&seen=1" : "?after=" + last;
    fetch(url + query, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(readFeed)
      .then(function (data) {
        if (!data) { return; }
        data.messages.forEach(function (m) {
          if (document.getElementById("m" + m.id)) { return; }
          var empty = history.querySelector("p.muted");
          if (empty) { empty.remove(); }
          history.insertAdjacentHTML("beforeend", m.html);  // rendered and escaped by Jinja on the server
          last = Math.max(last, m.id);
          history.scrollTop = history.scrollHeight;
        });
        Object.keys(data.statuses).forEach(function (id) {
          var cell = history.querySelector('[data-status-for="' + id + '"]');
          if (cell && cell.innerHTML.trim() !== data.statuses[id]) { cell.innerHTML = data.statuses[id]; }
        });
        var rating = document.getElementById("rating");
        if (rating && data.rating) { rating.innerHTML = data.rating; }
        if (visible) { seenUpTo = last; }
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { busy = false; });
  }
  timers.push(setInterval(poll, 1000));
  onReturn(poll);
  // Scroll the chat box only, never the page: on a phone the ticket's facts come first and must stay in view.
  history.scrollTop = history.scrollHeight;
})();
