// warta: the pages work without this. It only links each marked entity to its other
// mentions: hovering one lights up every mention of the same entity in the story.
document.addEventListener("DOMContentLoaded", () => {
  const marks = document.querySelectorAll(".story-body mark.ent a[href]");
  marks.forEach((link) => {
    const same = () => document.querySelectorAll(`.story-body mark.ent a[href="${link.getAttribute("href")}"]`);
    link.addEventListener("mouseenter", () => same().forEach((m) => m.parentElement.style.outline = "2px solid #0b5fad"));
    link.addEventListener("mouseleave", () => same().forEach((m) => m.parentElement.style.outline = ""));
  });
  // the events filter form: drop empty fields so shared URLs stay short
  document.querySelectorAll("form.filters").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((el) => { if (!el.value) el.disabled = true; });
    });
  });
});
