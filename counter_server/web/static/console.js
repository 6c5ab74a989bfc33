// The counter console: the desk from GET /api/v1/counters/<id>/desk, refreshed on every live
// event; actions are POSTs with the session cookie and the CSRF token.
(function () {
  "use strict";
  const id = window.DESK.counterId;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const STATUS = {called: "Đã gọi, chờ công dân đến", serving: "Đang phục vụ"};
  let desk = null, timer = null, source = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function say(text) { document.getElementById("message").textContent = text || ""; }

  function load() {
    return fetch("/api/v1/counters/" + id + "/desk", {cache: "no-store"})
      .then(function (r) {
        if (r.status === 401) { window.location = "/login?next=" + encodeURIComponent(location.pathname); }
        return r.json();
      })
      .then(function (d) { desk = d; render(); });
  }
  function loadSoon() { if (!timer) timer = setTimeout(function () { timer = null; load(); }, 150); }

  function render() {
    const current = document.getElementById("current");
    current.innerHTML = "";
    const t = desk.current;
    window.DESK.current = t;                          // for the intake panel (intake.js)
    document.dispatchEvent(new CustomEvent("desk"));
    if (t) {
      current.appendChild(el("div", t.number, "number"));
      current.appendChild(el("span", STATUS[t.status] || t.status, "status"));
      current.appendChild(el("p", t.field_name + (t.procedure_name ? " — " + t.procedure_name : "")));
      if (t.priority_name) current.appendChild(el("p", "Ưu tiên: " + t.priority_name + " (kiểm tra giấy tờ)", "priority"));
      current.appendChild(el("p", "Số lần gọi: " + t.call_count));
      if (t.dossier_id) showDossier(current, t);
    } else {
      current.appendChild(el("p", "Chưa gọi ai. Bấm N để gọi người tiếp theo.", "empty"));
    }
    const has = !!t, serving = has && t.status === "serving", paused = !!desk.paused_since;
    enable("next", !paused); enable("call", !paused);
    enable("recall", has && !serving); enable("skip", has && !serving); enable("start", has && !serving);
    enable("complete", has); enable("transfer", has);
    showBreak(paused, has);
    showFaults(desk.kiosk_faults);
    document.getElementById("counts").textContent =
      "Đã phục vụ " + desk.served_today + " · Vắng " + desk.no_shows_today + " · Đang chờ " + desk.waiting.length;
    document.getElementById("waiting-count").textContent = "(" + desk.waiting.length + ")";
    fill("waiting", desk.waiting, function (w) {
      return [w.number, w.field_name + (w.procedure_name ? " — " + w.procedure_name : ""), w.priority_name || "",
              w.waited_minutes + " phút"];
    }, paused ? null : function (w) { act("call", {ticket_id: w.id}); }, null, "Không có ai đang chờ.");
    fill("no-shows", desk.no_shows, function (w) { return [w.number, w.field_name]; }, null, function (w, row) {
      const cell = el("td");
      const again = el("button", "Gọi", "small");
      again.onclick = function () { act("call", {ticket_id: w.id}); };
      const back = el("button", "Xếp lại hàng", "small");
      back.onclick = function () { post("/api/v1/tickets/" + w.id + "/requeue"); };
      cell.appendChild(again); cell.appendChild(back);
      row.appendChild(cell);
    }, "Không có ai.");
  }
  // A break: the counter calls nobody until the officer comes back; the board says so too.
  function showBreak(paused, busy) {
    const button = document.getElementById("pause");
    button.firstChild.textContent = paused ? "Làm việc tiếp " : "Tạm nghỉ ";
    button.classList.toggle("primary", paused);
    button.disabled = busy && !paused;
    button.title = busy && !paused ? "Hoàn thành hoặc chuyển số đang phục vụ trước khi tạm nghỉ" : "";
    const banner = document.getElementById("paused");
    banner.hidden = !paused;
    if (paused) banner.textContent = "Quầy đang tạm nghỉ từ " + clock(desk.paused_since) +
      ". Bảng gọi số đang báo quầy tạm nghỉ. Bấm «Làm việc tiếp» (G) để gọi số.";
  }
  // Kiosks that need someone: a printer out of paper, its cover open, a kiosk gone silent.
  function showFaults(faults) {
    const box = document.getElementById("kiosk-faults");
    box.hidden = !faults.length;
    box.innerHTML = "";
    faults.forEach(function (fault) {
      const line = el("p");
      line.appendChild(el("b", "Ki-ốt «" + fault.kiosk + "»: "));
      line.appendChild(document.createTextNode(fault.message));
      if (fault.reported_at) line.appendChild(el("small", " (báo lúc " + clock(fault.reported_at) + ")"));
      box.appendChild(line);
    });
  }
  function clock(iso) {
    return new Date(iso).toLocaleTimeString("vi-VN", {hour: "2-digit", minute: "2-digit", hour12: false,
                                                      timeZone: window.DESK.timeZone});
  }
  // A ticket collecting a result names its dossier: the console opens it here, with its stage,
  // papers and control sheet, and K hands the result over (moves it to "returned").
  function showDossier(current, t) {
    const box = el("div", undefined, "current-dossier");
    const head = el("p");
    head.appendChild(el("b", "Nhận kết quả hồ sơ "));
    const link = el("a", t.dossier_code);
    link.href = "/dossiers/" + t.dossier_id;
    link.target = "_blank";
    head.appendChild(link);
    const hand = el("button", "Đã trả kết quả", "small");
    hand.dataset.key = "k";
    hand.appendChild(el("kbd", "K"));
    hand.onclick = function () {
      post("/api/v1/dossiers/" + t.dossier_id + "/transitions",
           {to: "returned", note: "Trả tại " + (desk.counter_name || "quầy")}).then(function (data) {
        if (data) say("Đã ghi nhận trả kết quả hồ sơ " + t.dossier_code + ".");
      });
    };
    head.appendChild(hand);
    box.appendChild(head);
    const part = el("div", "Đang mở hồ sơ…");
    box.appendChild(part);
    current.appendChild(box);
    if (opened.id === t.dossier_id && opened.html) { part.innerHTML = opened.html; return; }
    opened = {id: t.dossier_id, html: ""};
    fetch("/dossiers/" + t.dossier_id + "/sheet", {credentials: "same-origin"}).then(function (r) {
      return r.ok ? r.text() : "<p>Chưa mở được hồ sơ.</p>";
    }).then(function (html) {
      if (opened.id === t.dossier_id) opened.html = html;
      part.innerHTML = html;
    });
  }
  let opened = {id: null, html: ""};   // the dossier shown, read again when a dossier moves
  window.addEventListener("dossier-moved", function () { opened = {id: null, html: ""}; loadSoon(); });
  function enable(action, on) { document.querySelector('button[data-action="' + action + '"]').disabled = !on; }
  function fill(bodyId, items, cells, onClick, extra, none) {
    const body = document.getElementById(bodyId);
    body.innerHTML = "";
    if (!items.length && none) {
      const row = el("tr"), cell = el("td", none, "none");
      cell.colSpan = 4;
      row.appendChild(cell);
      body.appendChild(row);
    }
    items.forEach(function (item) {
      const row = el("tr");
      cells(item).forEach(function (text, i) { row.appendChild(el("td", text, i === 0 ? "number" : "")); });
      if (onClick) { row.className = "call-row"; row.title = "Gọi số này"; row.onclick = function () { onClick(item); }; }
      if (extra) extra(item, row);
      body.appendChild(row);
    });
  }

  function post(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
                       body: body ? JSON.stringify(body) : null})
      .then(function (r) {
        if (r.status === 204) { say("Không còn ai đang chờ."); return null; }
        return r.json().then(function (data) {
          if (!r.ok) throw new Error(data.message || "Không thực hiện được.");
          say("");
          return data;
        });
      })
      .catch(function (error) { say(error.message); })
      .then(function (data) { load(); return data; });
  }
  function act(action, body) { return post("/api/v1/counters/" + id + "/" + action, body); }

  const handlers = {
    next: function () { act("next"); }, recall: function () { act("recall"); }, skip: function () { act("skip"); },
    start: function () { act("start"); }, complete: function () { act("complete"); },
    pause: function () { act(desk && desk.paused_since ? "resume" : "pause"); },
    transfer: function () {
      const choice = document.getElementById("transfer-to").value;
      if (!choice) { say("Chọn lĩnh vực hoặc quầy để chuyển."); document.getElementById("transfer-to").focus(); return; }
      const parts = choice.split(":");
      act("transfer", parts[0] === "field" ? {field: parts[1]} : {counter: Number(parts[1])});
    },
    call: function () {
      const wanted = document.getElementById("call-number").value.trim().toUpperCase();
      const found = desk.waiting.concat(desk.no_shows).find(function (w) { return w.number === wanted; });
      if (!found) { say("Không có số " + wanted + " trong hàng chờ của quầy này."); return; }
      act("call", {ticket_id: found.id});
      document.getElementById("call-number").value = "";
    },
  };
  document.querySelectorAll("button[data-action]").forEach(function (button) {
    button.onclick = function () { handlers[button.dataset.action](); };
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.target.matches("input, select, textarea")) {
      if (event.key === "Enter" && event.target.id === "call-number") handlers.call();
      return;
    }
    const key = event.key.toLowerCase();
    if (key === "t") { document.getElementById("transfer-to").focus(); event.preventDefault(); return; }
    if (key === "s") { document.getElementById("call-number").focus(); event.preventDefault(); return; }
    const button = document.querySelector('button[data-key="' + key + '"]');
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });

  function connect() {
    if (source) source.close();
    source = new EventSource("/api/v1/events");
    source.onmessage = loadSoon;
    ["issued", "called", "recalled", "started", "completed", "no_show", "transferred", "requeued", "cancelled",
     "expired", "paused", "resumed", "kiosk"].forEach(function (kind) { source.addEventListener(kind, loadSoon); });
    // A dossier moved: the morning list (morning.js) reads itself again.
    source.addEventListener("dossier", function () { window.dispatchEvent(new Event("dossier-moved")); });
    source.onopen = function () { document.getElementById("offline").hidden = true; loadSoon(); };
    source.onerror = function () {
      document.getElementById("offline").hidden = false;
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  }
  load();
  connect();
  // Waiting minutes move on, and a kiosk that stopped reporting sends no event: read the desk again.
  setInterval(load, 30000);
})();
