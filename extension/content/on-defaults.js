// The site-on flag (content/on.js) where the settings also ask for nothing but the defaults (no
// phrase of the user's, every kind of clutter hidden; lib/armed.js): the content script judges
// posts with the default options before it has read the settings, and judges again if the
// settings, once read, say otherwise (the flag lags a settings change by a moment).
globalThis.__bersihOn = 'defaults';
