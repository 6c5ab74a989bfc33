// A dossier's page: record the next move through the API (with the page's CSRF token) and reload
// the control sheet whenever this dossier moves, whoever moved it (the event stream says so).
(function () {
  "use strict";
  const page = document.getElementById("dossier");
  const id = Number(page.dataset.id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const form = document.getElementById("move");
  const message = document.getElementById("move-message");

  async function reloadSheet() {
    const answer = await fetch(page.dataset.sheet, {credentials: "same-origin"});
    if (answer.ok) document.getElementById("sheet").innerHTML = await answer.text();
  }

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "";
  }

  if (form) {
    const to = document.getElementById("to");
    const note = document.getElementById("note");
    const hint = function () { note.placeholder = to.selectedOptions[0].dataset.note || ""; };
    to.addEventListener("change", hint);
    hint();
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const body = {to: to.value, to_unit: form.to_unit.value, note: note.value};
      if (form.new_due_date.value.trim()) {
        body.new_due_date = vnDates.toIso(form.new_due_date.value);
        if (!body.new_due_date) { say("Ngày gia hạn chưa đúng: xin ghi ngày/tháng/năm, ví dụ 15/01/2027.", true); return; }
      }
      let answer;
      try {
        answer = await fetch(form.dataset.url, {method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)});
      } catch (error) {
        say("Mất kết nối máy chủ, chưa ghi nhận được. Xin thử lại.", true);
        return;
      }
      const reply = await answer.json().catch(function () { return {}; });
      if (!answer.ok) {
        const details = Object.values(reply.details || {}).join(" ");
        say((reply.message || "Chưa ghi nhận được.") + (details ? " " + details : ""), true);
        return;
      }
      // The next moves depend on the new stage: the whole page is drawn again.
      window.location.reload();
    });
  }

  let source = null, connected = false;
  function connect() {
    if (source) source.close();
    source = new EventSource("/api/v1/events?centre=" + encodeURIComponent(page.dataset.centre));
    source.onopen = function () {
      document.getElementById("offline").hidden = true;
      if (connected) reloadSheet();   // back after a break: a move may have been missed
      connected = true;
    };
    source.onerror = function () {
      document.getElementById("offline").hidden = false;
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    };
    source.addEventListener("dossier", function (event) {
      const data = JSON.parse(event.data);
      if (data.dossier !== id) return;
      reloadSheet();
      if (data.status !== page.dataset.status && form) {
        // Someone else moved it: the moves offered here are out of date.
        if (!form.to_unit.value && !form.note.value) window.location.reload();
        else say("Hồ sơ vừa được chuyển sang bước khác. Xin tải lại trang trước khi ghi nhận.", true);
      }
    });
  }
  connect();
  window.dossierPage = {reloadSheet: reloadSheet};
})();
