// The officer's morning list on the console: this centre's dossiers already late, due today and
// due tomorrow (the tracking book's own API), numbered 1–9 so that one key opens one. It is read
// again when a dossier moves (the console's event stream) and every five minutes.
(function () {
  "use strict";
  const box = document.getElementById("morning-lists");
  if (!box) return;
  const GROUPS = [["late", "Đã quá hạn"], ["today", "Đến hạn hôm nay"], ["tomorrow", "Đến hạn ngày mai"]];
  const SHOWN = 5;   // a few of each, the longest waiting first; the book has the rest
  let opened = [];

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  function due(iso) {   // "16:30 01/12", in the centre's own time as the server wrote it
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
    return m ? m[4] + ":" + m[5] + " " + m[3] + "/" + m[2] : iso;
  }

  async function load() {
    let answers;
    try {
      answers = await Promise.all(GROUPS.map(function (group) {
        return fetch("/api/v1/dossiers?due=" + group[0] + "&limit=" + SHOWN, {credentials: "same-origin"})
          .then(function (answer) { if (!answer.ok) throw new Error(answer.status); return answer.json(); });
      }));
    } catch (error) {
      box.innerHTML = "<small>Chưa tải được danh sách hồ sơ; sẽ thử lại.</small>";
      return;
    }
    opened = [];
    box.replaceChildren();
    answers.forEach(function (page, index) {
      const [code, title] = GROUPS[index];
      const heading = document.createElement("h3");
      heading.className = "due-" + code;
      heading.textContent = title + " (" + page.total + ")";
      box.appendChild(heading);
      if (!page.items.length) return;
      const table = document.createElement("table");
      table.className = "morning due-" + code;
      page.items.forEach(function (row) {
        opened.push(row.id);
        const tr = document.createElement("tr");
        const key = opened.length <= 9 ? String(opened.length) : "";
        const link = document.createElement("a");
        link.href = "/dossiers/" + row.id;
        link.target = "_blank";
        link.textContent = row.code;
        const first = cell(key);
        first.className = "key";
        const codeCell = document.createElement("td");
        const procedure = document.createElement("div");
        procedure.className = "procedure";
        procedure.textContent = row.procedure_name;
        codeCell.append(link, procedure);
        tr.append(first, codeCell, cell(row.applicant_name), cell(due(row.due_at)));
        table.appendChild(tr);
      });
      box.appendChild(table);
      if (page.total > page.items.length) {
        const more = document.createElement("a");
        more.href = "/dossiers?due=" + code;
        more.textContent = "Xem cả " + page.total + " hồ sơ";
        box.appendChild(more);
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.target.matches("input, select, textarea")) return;
    if (!/^[1-9]$/.test(event.key)) return;
    const id = opened[Number(event.key) - 1];
    if (id) { event.preventDefault(); window.open("/dossiers/" + id, "_blank"); }
  });
  let soon = null;   // many moves in a busy minute: one read
  window.addEventListener("dossier-moved", function () { clearTimeout(soon); soon = setTimeout(load, 2000); });
  load();
  setInterval(load, 300000);
  window.morningList = {load: load};
})();
