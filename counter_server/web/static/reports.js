// The report tables' «Hiện thêm cột» / «Ẩn bớt cột»: the columns marked "more" (the files always have them).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.more-columns");
  if (!button) return;
  const table = button.closest(".table-block").querySelector("table");
  const all = table.classList.toggle("all-columns");
  button.textContent = all ? "Ẩn bớt cột" : "Hiện thêm cột";
  button.setAttribute("aria-expanded", String(all));
});
