// Bersih's content script entry (a classic script, run at document_start on Blogger hosts and on
// origins the user enabled). It only decides whether to hold back the post area while the first
// scan runs (no flash of spam), then loads the ES modules that do the work.
//
// On blogspot hosts the page is Blogger for sure (elsewhere, once the generator meta says so), so
// the post area is kept `visibility: hidden` (rule in bersih.css, switched on by an attribute)
// until the first scan is applied, with a failsafe that shows it anyway shortly after the
// document is parsed.
(() => {
  if (globalThis.__bersihLoader) return;
  globalThis.__bersihLoader = true;
  const t0 = performance.now();
  const PENDING = 'data-bersih-pending';
  const blogspot = /(^|\.)blogspot\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/i.test(location.hostname);
  const show = () => document.documentElement?.removeAttribute(PENDING);

  const hold = () => {
    document.documentElement?.setAttribute(PENDING, '');
    setTimeout(show, 5000);
    document.addEventListener('DOMContentLoaded', () => setTimeout(show, 1500), { once: true });
  };
  if (blogspot) {
    hold();
  } else if (document.readyState === 'loading') {
    // A site the user enabled: hold back only if the head says Blogger, before the body arrives.
    const watch = new MutationObserver(() => {
      const generator = document.querySelector('meta[name="generator" i]');
      if (generator && /^\s*blogger\s*$/i.test(generator.content)) hold();
      if (generator || document.body) watch.disconnect();
    });
    watch.observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => watch.disconnect(), { once: true });
  }
  // `chrome.runtime.getURL` spelled out (Firefox has `chrome` too): addons-linter only accepts a
  // dynamic import whose URL comes straight from it.
  import(chrome.runtime.getURL('content/main.js'))
    .then((main) => main.start({ t0, blogspot }))
    .catch((err) => {
      show();
      console.warn('Bersih: content script failed to load:', err);
    });
})();
