// The tracking page refreshes itself every 5 s; the server writes the sentences (track_state.html).
(function () {
  "use strict";
  const main = document.getElementById("ticket"), state = document.getElementById("state");
  function stamp() {   // the centre's clock, whatever the phone's time zone
    document.getElementById("updated").textContent =
      new Date().toLocaleTimeString("vi-VN", {timeZone: main.dataset.timeZone, hour12: false});
  }
  function update() {
    fetch(window.location.pathname.replace(/\/$/, "") + "/state", {cache: "no-store"})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        state.innerHTML = html;
        const status = state.firstElementChild ? state.firstElementChild.dataset.status : "";
        if (status === "called" && main.dataset.status !== "called" && navigator.vibrate) navigator.vibrate([300, 200, 300]);
        main.dataset.status = status;
        stamp();
      }).catch(function () {});
  }
  stamp();
  setInterval(update, 5000);
})();
