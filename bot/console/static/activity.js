// Inbox: how many tickets call for this officer in the tab title, and opt-in desktop notifications and sound
// when one gets a new citizen message. console.js polls; each answer arrives here as a "pst:inbox" event.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  var panel = document.getElementById("alerts");
  if (!queue || !panel) { return; }
  var officer = panel.getAttribute("data-officer");
  var desktop = document.getElementById("notify-desktop");
  var sound = document.getElementById("notify-sound");
  var blocked = document.getElementById("notify-blocked");
  var baseTitle = document.title.replace(/^\(\d+\)\s*/, "");
  var known = parse(queue.getAttribute("data-unread"));  // {consultation id: newest unseen citizen message id}
  var audio = null;

  function parse(text) {
    try { return JSON.parse(text || "{}") || {}; } catch (e) { return {}; }
  }
  // The choices are this officer's, in this browser: a shared office PC keeps each officer's own.
  function choice(name) {
    try { return localStorage.getItem("pst-" + name + ":" + officer) === "on"; } catch (e) { return false; }
  }
  function keep(name, on) {
    try {
      if (on) { localStorage.setItem("pst-" + name + ":" + officer, "on"); }
      else { localStorage.removeItem("pst-" + name + ":" + officer); }
    } catch (e) { /* storage disabled: the choice lasts for this page */ }
  }
  var supported = "Notification" in window;

  panel.hidden = false;
  desktop.disabled = !supported || Notification.permission === "denied";
  blocked.hidden = !desktop.disabled;
  desktop.checked = supported && choice("notify") && Notification.permission === "granted";
  sound.checked = choice("sound");

  desktop.addEventListener("change", function () {
    if (!desktop.checked) { keep("notify", false); return; }
    Notification.requestPermission().then(function (permission) {
      var granted = permission === "granted";
      desktop.checked = granted;
      desktop.disabled = permission === "denied";
      blocked.hidden = permission !== "denied";
      keep("notify", granted);
    });
  });
  sound.addEventListener("change", function () {
    keep("sound", sound.checked);
    if (sound.checked) { beep(); }
  });
  // Browsers start sound only after a gesture on the page: the first click or key wakes the audio up.
  ["click", "keydown"].forEach(function (type) {
    document.addEventListener(type, function () { if (audio && audio.state === "suspended") { audio.resume(); } });
  });

  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    audio = audio || new Context();
    var tone = audio.createOscillator();
    var volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.value = 0.08;
    tone.connect(volume);
    volume.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.18);
  }

  // Only the ticket number: a notification can show on a locked screen, so no name and no message text.
  function notify(tickets) {
    var link = panel.getAttribute("data-ticket-url");
    tickets.forEach(function (ticket) {
      if (!ticket) { return; }
      var note = new Notification(panel.getAttribute("data-text"), {body: ticket, tag: ticket});
      note.onclick = function () {
        window.focus();
        window.location.href = link.replace("TICKET", encodeURIComponent(ticket));
        note.close();
      };
    });
  }

  queue.addEventListener("pst:inbox", function (event) {
    var unread = event.detail.unread || {};
    var fresh = Object.keys(unread).filter(function (id) {
      return !(id in known) || unread[id] > known[id];
    }).map(function (id) { return (event.detail.tickets || {})[id]; });
    known = unread;
    var count = Object.keys(unread).length;
    document.title = (count ? "(" + count + ") " : "") + baseTitle;
    if (!fresh.length) { return; }
    if (desktop.checked && Notification.permission === "granted") { notify(fresh); }
    if (sound.checked) { beep(); }
  });
})();
