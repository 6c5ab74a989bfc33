// The intake panel of the counter console: receive the dossier of the citizen being served.
// The ID card's QR code is scanned into #intake-scan (a 2D scanner types it, then Enter) and read
// by the server (POST /api/v1/id-card/read); the appointment comes from the working-day calendar;
// saving posts POST /api/v1/dossiers and opens form 01 to print. Keys: H opens the panel,
// Ctrl+Enter saves, P prints the last slip again.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const procedures = JSON.parse(document.getElementById("procedures").textContent);
  const FIELDS = {name: "applicant-name", id_number: "applicant-id", date_of_birth: "applicant-dob",
                  phone: "applicant-phone", email: "applicant-email", address: "applicant-address",
                  organisation: "applicant-organisation"};
  let ticketId = null, lastReceipt = null;
  function $(id) { return document.getElementById(id); }
  function say(text, bad) { const done = $("intake-done"); done.textContent = text || ""; done.className = bad ? "bad" : "good"; }

  function call(method, url, body) {
    return fetch(url, {method: method, headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
                       body: body ? JSON.stringify(body) : undefined, cache: "no-store"})
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) {
            const error = new Error(data.message || "Không thực hiện được.");
            error.details = data.details;
            throw error;
          }
          return data;
        });
      });
  }
  function wordsOf(error) {   // the message and, where the server names fields, what is wrong with each
    const parts = [error.message];
    (function walk(details) {
      if (!details || typeof details !== "object") return;
      Object.keys(details).forEach(function (key) {
        const value = details[key];
        if (typeof value === "string") parts.push(value);
        else if (Array.isArray(value)) parts.push(key + ": " + value.join(" "));
        else walk(value);
      });
    })(error.details);
    return parts.join(" ");
  }
  function when(iso) {   // "16:30 ngày 01/12/2026" in the time the server gave
    const [day, time] = iso.split("T");
    const [y, m, d] = day.split("-");
    return time.slice(0, 5) + " ngày " + d + "/" + m + "/" + y;
  }

  function showDocuments() {
    const code = $("intake-procedure").value, box = $("intake-documents");
    box.innerHTML = "";
    ((procedures[code] || {}).documents || []).forEach(function (name, i) {
      const label = document.createElement("label");
      label.className = "doc";
      const tick = document.createElement("input");
      tick.type = "checkbox";
      tick.value = name;
      tick.id = "doc-" + i;
      label.appendChild(tick);
      label.appendChild(document.createTextNode(" " + name));
      box.appendChild(label);
    });
    showDue();
  }
  function showDue() {
    const code = $("intake-procedure").value;
    $("intake-due").textContent = "";
    if (!code) return;
    call("GET", "/api/v1/calendar/appointment?procedure=" + encodeURIComponent(code) +
                "&received_at=" + encodeURIComponent(new Date().toISOString()))
      .then(function (due) {
        $("intake-due").textContent = "Hẹn trả kết quả: " + when(due.due_at) +
          (due.skipped.length ? " (đã trừ " + due.skipped.length + " ngày nghỉ)" : "");
      })
      .catch(function (error) { $("intake-due").textContent = error.message; });
  }

  function readCard() {
    const text = $("intake-scan").value;
    if (!text.trim()) return;
    call("POST", "/api/v1/id-card/read", {text: text})
      .then(function (card) {   // all fields at once, never some of them
        $(FIELDS.name).value = card.name;
        $(FIELDS.id_number).value = card.id_number;
        $(FIELDS.date_of_birth).value = vnDates.fromIso(card.date_of_birth);
        $(FIELDS.address).value = card.address;
        $("intake-scan").value = "";
        say("Đã đọc thẻ của " + card.name + ". Xin hỏi và nhập số điện thoại.");
        $(FIELDS.phone).focus();
      })
      .catch(function (error) { say(wordsOf(error), true); $("intake-scan").select(); });
  }

  function save() {
    const applicant = {};
    Object.keys(FIELDS).forEach(function (key) { applicant[key] = $(FIELDS[key]).value.trim(); });
    applicant.date_of_birth = vnDates.toIso(applicant.date_of_birth);
    if (applicant.date_of_birth === null) { say("Ngày sinh chưa đúng: xin ghi ngày/tháng/năm, ví dụ 05/01/1990.", true); return; }
    if (!applicant.date_of_birth) applicant.date_of_birth = null;
    const documents = Array.prototype.map.call(document.querySelectorAll("#intake-documents input"), function (tick) {
      return {name: tick.value, received: tick.checked};
    });
    const body = {procedure: $("intake-procedure").value, ticket_id: ticketId, applicant: applicant,
                  documents: documents, sets: Number($("intake-sets").value) || 1, notes: $("intake-notes").value.trim()};
    if ($("intake-later").value.trim()) {   // a later appointment than the procedure's, with its reason
      body.due_date = vnDates.toIso($("intake-later").value);
      if (!body.due_date) { say("Ngày hẹn chưa đúng: xin ghi ngày/tháng/năm, ví dụ 15/01/2027.", true); return; }
      body.due_reason = $("intake-later-reason").value.trim();
    }
    call("POST", "/api/v1/dossiers", body)
      .then(function (dossier) {
        lastReceipt = "/dossiers/" + dossier.id + "/receipt";
        say("Đã tiếp nhận hồ sơ " + dossier.code + ", hẹn trả " + when(dossier.due_at) + ". Bấm P để in giấy hẹn.");
        const link = document.createElement("a");
        link.href = lastReceipt;
        link.target = "_blank";
        link.id = "intake-print";
        link.textContent = " In giấy tiếp nhận (2 liên)";
        $("intake-done").appendChild(link);
        window.open(lastReceipt, "_blank");
      })
      .catch(function (error) { say(wordsOf(error), true); });
  }

  function reset(procedure) {
    $("intake-form").reset();
    $("intake-procedure").value = procedure && procedures[procedure] ? procedure : "";
    showDocuments();
  }
  document.addEventListener("desk", function () {   // the console's current ticket changed
    const current = window.DESK.current;
    const id = current ? current.id : null;
    if (id !== ticketId) { ticketId = id; reset(current && current.procedure); say(""); }
  });
  $("intake-procedure").addEventListener("change", showDocuments);
  $("intake-scan").addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); readCard(); }
  });
  $("intake-form").addEventListener("submit", function (event) { event.preventDefault(); save(); });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey && event.key === "Enter" && $("intake").open) { event.preventDefault(); save(); return; }
    if (event.ctrlKey || event.altKey || event.metaKey || event.target.matches("input, select, textarea")) return;
    const key = event.key.toLowerCase();
    if (key === "h") {
      event.preventDefault();
      $("intake").open = true;
      ($("intake-procedure").value ? $("intake-scan") : $("intake-procedure")).focus();
    } else if (key === "p" && lastReceipt) {
      event.preventDefault();
      window.open(lastReceipt, "_blank");
    }
  });
})();
