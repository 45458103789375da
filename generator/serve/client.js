// The dev server's reload client. The server adds it to every HTML page it
// serves (never to build output); see events.go for the events.
(() => {
  "use strict";
  const script = document.currentScript;
  let version = script ? script.dataset.version : "";
  // The output files this page shows, such as "id/a/index.html".
  const files = script ? JSON.parse(script.dataset.files || "[]") : [];
  const scrollKey = "lentera-scroll:" + location.pathname + location.search;
  let lastFocus = null;

  // A reload puts the reader back where they were reading.
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const y = Number(saved) || 0;
    const restore = () => window.scrollTo(0, y);
    restore();
    if (document.readyState !== "complete") {
      addEventListener("load", restore, { once: true });
    }
  }

  function reload() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }

  // swapStyles points each stylesheet link at its new URL. The new link
  // loads beside the old one, which goes only once the new one applies, so
  // the page never shows unstyled. It returns false when no link on the
  // page matched, and the caller reloads instead.
  function swapStyles(swaps) {
    let swapped = false;
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const path = new URL(link.href, location.href).pathname;
      const s = swaps.find((s) => s.old === path);
      if (!s) continue;
      const next = link.cloneNode();
      next.href = s.new;
      next.addEventListener("load", () => link.remove(), { once: true });
      next.addEventListener("error", () => link.remove(), { once: true });
      link.after(next);
      swapped = true;
    }
    return swapped;
  }

  function overlay() {
    return document.getElementById("lentera-error");
  }

  function showError(html) {
    const old = overlay();
    if (!old) {
      lastFocus = document.activeElement;
    } else {
      old.remove();
    }
    const t = document.createElement("template");
    t.innerHTML = html;
    document.body.append(t.content);
    focusOverlay();
  }

  function focusOverlay() {
    const el = overlay();
    if (el) el.focus();
  }

  function hideError() {
    const el = overlay();
    if (!el) return;
    el.remove();
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  document.addEventListener("click", (e) => {
    if (e.target.closest && e.target.closest("[data-lentera-hide]")) hideError();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && overlay()) hideError();
  });
  // A page served while the site is broken carries the overlay already.
  if (overlay()) {
    lastFocus = document.activeElement;
    focusOverlay();
  }

  const source = new EventSource("/_lentera/events");
  const data = (e) => JSON.parse(e.data);
  source.addEventListener("hello", (e) => {
    if (data(e).version !== version) reload();
  });
  // A reload event names the pages that changed, or none for all of them.
  // A page it does not name is up to date with the new version.
  source.addEventListener("reload", (e) => {
    const d = data(e);
    if (d.version === version) return;
    if (!d.pages || d.pages.some((p) => files.includes(p))) {
      reload();
    } else {
      version = d.version;
    }
  });
  source.addEventListener("css", (e) => {
    const d = data(e);
    if (swapStyles(d.swap)) {
      version = d.version;
    } else {
      reload();
    }
  });
  // "error" is also the name of the connection-lost event, which has no
  // data: the browser reconnects by itself, so that one is ignored.
  source.addEventListener("error", (e) => {
    if (typeof e.data === "string") showError(data(e).html);
  });
})();
