// Dates as Vietnamese officials write them, dd/mm/yyyy, whatever language the browser speaks
// (a date picker in an English browser shows 10/29/2026). Inputs marked data-vn-date take the
// digits and put the slashes in; the API still gets yyyy-mm-dd.
window.vnDates = (function () {
  "use strict";
  const SHAPE = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/;
  function pad(n) { return String(n).padStart(2, "0"); }
  // "05/01/2027" → "2027-01-05"; "" → ""; a date that does not exist (31/02/2027) → null.
  function toIso(text) {
    if (!text.trim()) return "";
    const m = SHAPE.exec(text);
    if (!m) return null;
    const day = Number(m[1]), month = Number(m[2]), year = Number(m[3]);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
    return year + "-" + pad(month) + "-" + pad(day);
  }
  // "2027-01-05" → "05/01/2027"
  function fromIso(iso) {
    if (!iso) return "";
    const [y, m, d] = iso.slice(0, 10).split("-");
    return d + "/" + m + "/" + y;
  }
  function typed(event) {   // 05012027 → 05/01/2027 as the officer types
    const input = event.target, digits = input.value.replace(/\D/g, "").slice(0, 8);
    if (event.inputType && event.inputType.startsWith("delete")) return;
    input.value = digits.length > 4 ? digits.slice(0, 2) + "/" + digits.slice(2, 4) + "/" + digits.slice(4)
      : digits.length > 2 ? digits.slice(0, 2) + "/" + digits.slice(2) : digits;
  }
  document.querySelectorAll("input[data-vn-date]").forEach(function (input) {
    input.placeholder = input.placeholder || "dd/mm/yyyy";
    input.inputMode = "numeric";
    input.maxLength = 10;
    input.autocomplete = "off";
    input.addEventListener("input", typed);
  });
  return {toIso: toIso, fromIso: fromIso};
})();
