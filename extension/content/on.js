// Registered by the background (lib/armed.js) on the sites where Bersih is on, and run at
// document_start with the content script: it tells that script, before the settings are read,
// that it may hold posts back from the first paint. A site switched off never gets it, so the
// content script there changes nothing on the page (docs/ARCHITECTURE.md, "What a page can see").
globalThis.__bersihOn = true;
