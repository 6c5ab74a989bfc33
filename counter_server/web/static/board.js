// The waiting-hall board: live calls over server-sent events, spoken one after another.
(function () {
  "use strict";
  const cfg = window.BOARD;
  const CALLS = ["called", "recalled"];
  const OTHER = ["issued", "started", "completed", "no_show", "transferred", "requeued", "cancelled", "expired",
                 "paused", "resumed"];
  let lastId = cfg.lastEventId, source = null, retry = null, refreshTimer = null;
  window.boardCalls = [];          // what arrived, and when (read by the tests and the benchmark)
  window.boardAnnouncements = [];  // what was announced, and when each one started

  // --- clock ---------------------------------------------------------------------------------
  const dateFmt = new Intl.DateTimeFormat("vi-VN", {timeZone: cfg.timeZone, weekday: "long", day: "numeric",
                                                    month: "numeric", year: "numeric"});
  const timeFmt = new Intl.DateTimeFormat("vi-VN", {timeZone: cfg.timeZone, hour: "2-digit", minute: "2-digit",
                                                    second: "2-digit", hour12: false});
  function tick() {
    const now = new Date();
    document.getElementById("date").textContent = dateFmt.format(now);
    document.getElementById("time").textContent = timeFmt.format(now);
  }
  tick();
  setInterval(tick, 1000);

  // --- the live stream: EventSource reconnects by itself; a closed one is opened again ---------
  function connect() {
    clearTimeout(retry);
    if (source) source.close();
    const query = new URLSearchParams({last_event_id: lastId});
    if (cfg.centre) query.set("centre", cfg.centre);
    source = new EventSource("/api/v1/events?" + query);
    source.onopen = function () { document.getElementById("offline").hidden = true; refresh(); };
    source.onerror = function () {
      document.getElementById("offline").hidden = false;
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(connect, 2000);
    };
    CALLS.forEach(function (kind) { source.addEventListener(kind, onCall); });
    OTHER.forEach(function (kind) { source.addEventListener(kind, onOther); });
  }

  // Where to resume is the stream's own SSE id (it may stay below an event committed late, so a
  // reconnection can bring an event twice): each event counts once, by the id in its data.
  const recentIds = new Set();
  function seen(event) {
    const data = JSON.parse(event.data);
    if (event.lastEventId) lastId = Number(event.lastEventId);
    if (recentIds.has(data.id)) return null;
    recentIds.add(data.id);
    if (recentIds.size > 2000) recentIds.delete(recentIds.values().next().value);
    return data;
  }

  function onCall(event) {
    const call = seen(event);
    if (!call) return;
    window.boardCalls.push({number: call.number, counter: call.counter, kind: call.kind, at: Date.now()});
    const row = document.querySelector('tr[data-counter="' + call.counter + '"]');
    if (row) {
      row.querySelector(".ticket").textContent = call.number;
      row.classList.remove("flash");
      void row.offsetWidth;  // restart the highlight
      row.classList.add("flash");
      setTimeout(function () { row.classList.remove("flash"); }, 8000);
    }
    const recent = document.getElementById("recent");
    const item = document.createElement("li");
    item.innerHTML = "<b></b> → Quầy <span></span>";
    item.querySelector("b").textContent = call.number;
    item.querySelector("span").textContent = call.counter;
    recent.insertBefore(item, recent.firstChild);
    while (recent.children.length > 5) recent.removeChild(recent.lastChild);
    announce(call);
    refreshSoon();
  }

  function onOther(event) { seen(event); refreshSoon(); }

  // --- counts and counters from /api/v1/display (after any change, at most twice a second) -----
  function refreshSoon() {
    if (!refreshTimer) refreshTimer = setTimeout(function () { refreshTimer = null; refresh(); }, 500);
  }
  function refresh() {
    const query = cfg.centre ? "?centre=" + encodeURIComponent(cfg.centre) : "";
    fetch("/api/v1/display" + query).then(function (r) { return r.json(); }).then(function (board) {
      board.counters.forEach(function (counter) {
        const row = document.querySelector('tr[data-counter="' + counter.number + '"]');
        if (!row) return;
        row.classList.toggle("paused", counter.paused);
        row.querySelector(".ticket").textContent = counter.ticket || "—";
      });
      let anyone = false;
      Object.keys(board.waiting).forEach(function (code) {
        const line = document.querySelector('#waiting li[data-field="' + code + '"]');
        if (!line) return;
        line.querySelector("b").textContent = board.waiting[code];
        line.classList.toggle("nobody", !board.waiting[code]);
        anyone = anyone || board.waiting[code] > 0;
      });
      document.querySelector("#waiting .none-waiting").hidden = anyone;
    }).catch(function () {});
  }

  // --- voice: one announcement at a time, never cut off by another counter's ------------------
  // A later call at the same counter replaces its earlier one: not read if still waiting, cut
  // short if being read. So the banner always says what the counter's row shows.
  const queue = [];
  let playing = false, current = null, turn = 0;
  const player = new Audio();
  function announce(call) {
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].counter === call.counter) queue.splice(i, 1);
    queue.push(call);
    if (playing && current && current.counter === call.counter) { player.pause(); playNext(); }
    else if (!playing) playNext();
  }
  function later(ms) {   // playNext after `ms`, unless another announcement has started meanwhile
    const mine = turn;
    setTimeout(function () { if (mine === turn) playNext(); }, ms);
  }
  function playNext() {
    const call = queue.shift();
    turn += 1;
    current = call || null;
    if (!call) { playing = false; document.getElementById("announce").textContent = ""; return; }
    playing = true;
    window.boardAnnouncements.push({number: call.number, counter: call.counter, at: Date.now()});
    document.getElementById("announce").textContent =
      "Xin mời công dân có số thứ tự " + call.number + " đến quầy số " + call.counter;
    const sound = new URLSearchParams({number: call.number, counter: call.counter});
    if (cfg.centre) sound.set("centre", cfg.centre);   // only calls made at this board's centre are spoken
    const mine = turn;
    player.src = "/api/v1/announcements/call.wav?" + sound;
    player.play().catch(function (error) {
      if (mine !== turn) return;   // replaced by a later call before it started
      // The browser wants a touch before it plays sound: ask once, show the text meanwhile.
      if (error.name === "NotAllowedError") document.getElementById("sound").hidden = false;
      later(4000);
    });
  }
  player.onended = function () { later(600); };
  player.onerror = function () { if (playing) later(4000); };
  document.getElementById("sound").onclick = function () {
    this.hidden = true;
    player.play().catch(function () {});
  };

  connect();
})();
