// The rating tablet: asleep until the officer completes a ticket at this counter, then asks once;
// back to sleep after 30 s with no answer.
(function () {
  "use strict";
  const cfg = window.RATE, auth = {"Authorization": "Bearer " + cfg.secret};
  const screens = {idle: document.getElementById("idle"), ask: document.getElementById("ask"),
                   thanks: document.getElementById("thanks")};
  let asked = null, countdown = null, source = null;

  function show(name) { Object.keys(screens).forEach(function (key) { screens[key].hidden = key !== name; }); }
  function sleep() { clearInterval(countdown); asked = null; show("idle"); }

  function ask() {
    fetch("/api/v1/rating/question", {headers: auth, cache: "no-store"})
      .then(function (r) { return r.status === 200 ? r.json() : null; })
      .then(function (question) {
        if (!question || (asked && asked.ticket_id === question.ticket_id)) return;
        asked = question;
        document.getElementById("number").textContent = question.number;
        const levels = document.getElementById("levels");
        levels.innerHTML = "";
        question.levels.forEach(function (item) {
          const button = document.createElement("button");
          button.className = "l" + item.level;
          button.textContent = item.label;
          button.onclick = function () { answer(item.level); };
          levels.appendChild(button);
        });
        show("ask");
        let left = 30;
        document.getElementById("left").textContent = left;
        clearInterval(countdown);
        countdown = setInterval(function () {
          left -= 1;
          document.getElementById("left").textContent = left;
          if (left <= 0) sleep();
        }, 1000);
      }).catch(function () {});
  }

  function answer(level) {
    clearInterval(countdown);
    fetch("/api/v1/ratings", {method: "POST", headers: Object.assign({"Content-Type": "application/json"}, auth),
                              body: JSON.stringify({ticket_id: asked.ticket_id, level: level})})
      .finally(function () { show("thanks"); setTimeout(sleep, 4000); });
  }

  function connect() {
    if (source) source.close();
    source = new EventSource("/api/v1/events");
    source.addEventListener("completed", function (event) {
      if (JSON.parse(event.data).counter === cfg.counter) ask();
    });
    source.onerror = function () { if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000); };
  }
  connect();
  ask();                       // a ticket completed just before the page opened
  setInterval(function () { if (!asked) ask(); }, 15000);  // in case an event was missed
})();
