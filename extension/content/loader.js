// Bersih's content script entry (a classic script, run at document_start on Blogger hosts and on
// origins the user enabled). It only decides whether to hold back the post area while the first
// scan runs (no flash of spam), then loads the ES modules that do the work.
//
// On blogspot hosts the page is Blogger for sure, so the post area is kept `visibility: hidden`
// (rule in bersih.css, switched on by an attribute) until the first scan is applied, with a
// failsafe that shows it anyway shortly after the document is parsed.
(() => {
  if (globalThis.__bersihLoader) return;
  globalThis.__bersihLoader = true;
  const t0 = performance.now();
  const api = globalThis.browser ?? globalThis.chrome;
  const PENDING = 'data-bersih-pending';
  const blogspot = /(^|\.)blogspot\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/i.test(location.hostname);
  const show = () => document.documentElement?.removeAttribute(PENDING);

  if (blogspot && document.documentElement) {
    document.documentElement.setAttribute(PENDING, '');
    setTimeout(show, 5000);
    document.addEventListener('DOMContentLoaded', () => setTimeout(show, 1500), { once: true });
  }
  import(api.runtime.getURL('content/main.js'))
    .then((main) => main.start({ t0 }))
    .catch((err) => {
      show();
      console.warn('Bersih: content script failed to load:', err);
    });
})();
