// Every string the site shows, one object per language, and the code that puts them on the page.
//
// Elements name their string with data-i18n="key" (text), data-i18n-title="key" (title attribute),
// data-i18n-placeholder="key" or data-i18n-list="key" (an array rendered as <li> items).
// Strings may hold `code` spans and [links](url); they are built as DOM nodes, never as HTML.

export const STRINGS = {
  en: {
    'lang.name': 'English',
    'site.title': 'Bersih: clean spammy blog posts in place',
    'site.tagline': 'Hides the broker ads that spam farms inject into copied news articles on Blogger blogs, and the Blogger clutter around them. The article stays intact.',
    'nav.playground': 'Playground',
    'nav.samples': 'Sample pages',
    'nav.install': 'Install',
    'playground.title': 'Playground',
    'playground.intro': 'Paste the text of a post (one paragraph a line), type, or pick a sample. The same core that runs in the extension cleans it here, in your browser.',
    'playground.sample': 'Sample:',
    'playground.sample.none': '— pick a sample —',
    'playground.clear': 'Clear',
    'playground.input': 'Post text',
    'playground.input.placeholder': 'Paste a post here…',
    'playground.open-page': 'Open it as a Blogger page',
    'tab.marked': 'Marked',
    'tab.cleaned': 'Cleaned',
    'tab.report': 'JSON report',
    'playground.copy': 'Copy cleaned text',
    'playground.copied': 'Copied.',
    'status.loading': 'Loading the core…',
    'status.ready': 'Ready. Nothing to clean yet.',
    'status.scanning': 'Cleaning…',
    'status.none': 'Nothing to remove ({ms} ms).',
    'status.found': '{n} fragments removed ({ms} ms).',
    'status.found.one': '1 fragment removed ({ms} ms).',
    'status.error': 'The core failed: {message}',
    'status.truncated': 'Showing the first {n} removals marked; the rest are counted in the report.',
    'marked.empty': 'The text with every removed fragment struck through appears here.',
    'legend.title': 'Removed by category',
    'cat.prefix': 'ad replacing the dateline',
    'cat.suffix': 'ad glued to the end',
    'cat.inline': 'ad inside a paragraph',
    'cat.line': 'standalone brand line',
    'cat.link-line': 'injected link line',
    'cat.label-list': 'label list stuffed with brands',
    'cat.comment-count': 'empty comment count',
    'cat.comment-form': 'comment-form header',
    'cat.share': 'share buttons',
    'cat.pager': 'newer/older pager',
    'cat.feed': 'feed links',
    'cat.backlinks': 'backlinks',
    'samples.title': 'Sample pages',
    'samples.intro': 'Blogger-style pages written for this project: original news-like posts with injected ad lines, and one clean post. The extension acts on Blogger hosts only, so opened from here they show everything; `cargo xtask demo` opens them as demo.blogspot.com with the extension loaded.',
    'sample.cabai': 'Chili prices (broker prefixes, suffixes, brand lines)',
    'sample.jembatan': 'New bridge (another broker, a reader comment)',
    'sample.banjir': 'Flood (a clean article: only Blogger clutter)',
    'install.title': 'Install',
    'install.intro': 'Bersih is not in the Chrome Web Store or on addons.mozilla.org yet, so there is no one-click install. Until there is, install it from a release’s zip files, `bersih-VERSION-chrome.zip` and `bersih-VERSION-firefox.zip` (made by `cargo xtask release`), or from your own build: `cargo xtask build` writes `dist/chrome/`, `dist/firefox/` and their zips. It asks only for its own storage, the Blogger blogs it cleans, and one site at a time when you enable it there; nothing leaves the browser.',
    'install.chrome.title': 'Chrome, Chromium, Edge, Brave (desktop)',
    'install.chrome.steps': [
      'Unzip `bersih-VERSION-chrome.zip` into a folder you keep: the browser loads Bersih from it at every start. (From a build: `dist/chrome`.)',
      'Open `chrome://extensions` (Edge: `edge://extensions`) and switch on Developer mode.',
      'Click “Load unpacked” and choose the folder that holds `manifest.json`. The Bersih card appears; nothing is asked at install. Pin its button from the puzzle-piece menu.',
      'Open a blogspot.com post: ads and clutter are hidden. The toolbar button shows what was hidden and can switch the site off.',
    ],
    'install.firefox.title': 'Firefox (desktop)',
    'install.firefox.steps': [
      'Open `about:debugging#/runtime/this-firefox`.',
      'Click “Load Temporary Add-on…” and choose `bersih-VERSION-firefox.zip` itself (from a build: `dist/firefox/manifest.json`). Bersih is listed under Temporary Extensions and works at once.',
      'A temporary add-on is removed when Firefox quits: load it again after a restart. A permanent install needs the add-on signed by Mozilla, which Bersih is not yet (Firefox ESR, Developer Edition and Nightly install the unsigned zip for good once `xpinstall.signatures.required` is false in `about:config`).',
    ],
    'install.android.title': 'Firefox for Android',
    'install.android.steps': [
      'Firefox for Android installs add-ons from addons.mozilla.org, where Bersih is not listed yet, so there is no one-tap install today.',
      'With a signed file (none yet): Settings → About Firefox, tap the logo five times, then Settings → “Install add-on from file”. Firefox Nightly also takes the unsigned `bersih-VERSION-firefox.zip` once `xpinstall.signatures.required` is false in `about:config`. Bersih needs Firefox 142 or newer.',
      'Developers can run a build on a phone connected over USB: `npx web-ext run --target=firefox-android --source-dir dist/firefox`.',
    ],
    'footer.privacy': 'Everything runs in your browser: the text you paste is never sent anywhere.',
    'footer.version': 'Core version {v}.',
  },
  id: {
    'lang.name': 'Bahasa Indonesia',
    'site.title': 'Bersih: membersihkan posting blog yang penuh spam',
    'site.tagline': 'Menyembunyikan iklan broker yang disisipkan ladang spam ke berita salinan di blog Blogger, juga tombol dan tautan Blogger yang mengganggu. Artikelnya tetap utuh.',
    'nav.playground': 'Coba',
    'nav.samples': 'Halaman contoh',
    'nav.install': 'Pasang',
    'playground.title': 'Coba langsung',
    'playground.intro': 'Tempel teks sebuah posting (satu paragraf per baris), ketik, atau pilih contoh. Inti yang sama dengan yang berjalan di ekstensi membersihkannya di sini, di peramban Anda.',
    'playground.sample': 'Contoh:',
    'playground.sample.none': '— pilih contoh —',
    'playground.clear': 'Kosongkan',
    'playground.input': 'Teks posting',
    'playground.input.placeholder': 'Tempel posting di sini…',
    'playground.open-page': 'Buka sebagai halaman Blogger',
    'tab.marked': 'Ditandai',
    'tab.cleaned': 'Bersih',
    'tab.report': 'Laporan JSON',
    'playground.copy': 'Salin teks bersih',
    'playground.copied': 'Tersalin.',
    'status.loading': 'Memuat inti…',
    'status.ready': 'Siap. Belum ada yang perlu dibersihkan.',
    'status.scanning': 'Membersihkan…',
    'status.none': 'Tidak ada yang dihapus ({ms} md).',
    'status.found': '{n} potongan dihapus ({ms} md).',
    'status.found.one': '1 potongan dihapus ({ms} md).',
    'status.error': 'Inti gagal: {message}',
    'status.truncated': 'Hanya {n} penghapusan pertama yang ditandai; sisanya tetap dihitung di laporan.',
    'marked.empty': 'Teks dengan setiap potongan yang dihapus dicoret muncul di sini.',
    'legend.title': 'Dihapus menurut kategori',
    'cat.prefix': 'iklan pengganti baris tanggal',
    'cat.suffix': 'iklan di akhir paragraf',
    'cat.inline': 'iklan di tengah paragraf',
    'cat.line': 'baris merek tersendiri',
    'cat.link-line': 'baris tautan sisipan',
    'cat.label-list': 'daftar label penuh merek',
    'cat.comment-count': 'jumlah komentar kosong',
    'cat.comment-form': 'judul formulir komentar',
    'cat.share': 'tombol berbagi',
    'cat.pager': 'navigasi posting',
    'cat.feed': 'tautan langganan',
    'cat.backlinks': 'tautan balik',
    'samples.title': 'Halaman contoh',
    'samples.intro': 'Halaman bergaya Blogger yang ditulis untuk proyek ini: posting mirip berita dengan baris iklan sisipan, dan satu posting yang bersih. Ekstensi hanya bekerja di situs Blogger, jadi bila dibuka dari sini semuanya tetap tampil; `cargo xtask demo` membukanya sebagai demo.blogspot.com dengan ekstensi terpasang.',
    'sample.cabai': 'Harga cabai (awalan, akhiran, dan baris merek broker)',
    'sample.jembatan': 'Jembatan baru (broker lain, satu komentar pembaca)',
    'sample.banjir': 'Banjir (artikel bersih: hanya tampilan Blogger)',
    'install.title': 'Pasang',
    'install.intro': 'Bersih belum ada di Chrome Web Store maupun addons.mozilla.org, jadi belum bisa dipasang sekali klik. Sampai saat itu, pasang dari berkas zip sebuah rilis, `bersih-VERSION-chrome.zip` dan `bersih-VERSION-firefox.zip` (dibuat oleh `cargo xtask release`), atau dari hasil build sendiri: `cargo xtask build` menulis `dist/chrome/`, `dist/firefox/` beserta zip-nya. Bersih hanya meminta penyimpanannya sendiri, blog Blogger yang dibersihkannya, dan satu situs setiap kali Anda mengaktifkannya di sana; tidak ada yang keluar dari peramban.',
    'install.chrome.title': 'Chrome, Chromium, Edge, Brave (desktop)',
    'install.chrome.steps': [
      'Ekstrak `bersih-VERSION-chrome.zip` ke folder yang Anda simpan: peramban memuat Bersih dari folder itu setiap kali dibuka. (Dari build: `dist/chrome`.)',
      'Buka `chrome://extensions` (Edge: `edge://extensions`) dan nyalakan Mode pengembang (Developer mode).',
      'Klik “Muat yang belum dibuka” (Load unpacked) dan pilih folder yang berisi `manifest.json`. Kartu Bersih muncul; tidak ada yang ditanyakan saat pemasangan. Sematkan tombolnya dari menu ikon kepingan puzzle.',
      'Buka posting blogspot.com: iklan dan tampilan yang mengganggu disembunyikan. Tombol di bilah alat menunjukkan apa yang disembunyikan dan bisa mematikannya untuk situs itu.',
    ],
    'install.firefox.title': 'Firefox (desktop)',
    'install.firefox.steps': [
      'Buka `about:debugging#/runtime/this-firefox`.',
      'Klik “Muat Pengaya Sementara…” (Load Temporary Add-on) dan pilih berkas `bersih-VERSION-firefox.zip` itu sendiri (dari build: `dist/firefox/manifest.json`). Bersih tercantum di Ekstensi Sementara dan langsung bekerja.',
      'Pengaya sementara hilang saat Firefox ditutup: muat lagi setelah memulai ulang. Pemasangan tetap memerlukan pengaya yang ditandatangani Mozilla, dan Bersih belum ditandatangani (Firefox ESR, Developer Edition, dan Nightly bisa memasang zip tanpa tanda tangan secara tetap bila `xpinstall.signatures.required` bernilai false di `about:config`).',
    ],
    'install.android.title': 'Firefox untuk Android',
    'install.android.steps': [
      'Firefox untuk Android memasang pengaya dari addons.mozilla.org, dan Bersih belum terbit di sana, jadi saat ini belum ada cara pasang sekali ketuk.',
      'Dengan berkas bertanda tangan (belum ada): Pengaturan → Tentang Firefox, ketuk logonya lima kali, lalu Pengaturan → “Pasang pengaya dari berkas” (Install add-on from file). Firefox Nightly juga menerima `bersih-VERSION-firefox.zip` tanpa tanda tangan bila `xpinstall.signatures.required` bernilai false di `about:config`. Bersih memerlukan Firefox 142 atau yang lebih baru.',
      'Pengembang bisa menjalankan hasil build di ponsel yang tersambung lewat USB: `npx web-ext run --target=firefox-android --source-dir dist/firefox`.',
    ],
    'footer.privacy': 'Semuanya berjalan di peramban Anda: teks yang Anda tempel tidak pernah dikirim ke mana pun.',
    'footer.version': 'Versi inti {v}.',
  },
};

const STORAGE_KEY = 'bersih-lang';

/** The language to start with: the user's last choice, else the browser's, else English. */
export function initialLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked in STRINGS) return asked;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved in STRINGS) return saved;
  } catch {
    // Storage can be blocked (private mode, file://); the browser language is good enough.
  }
  const browser = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  return browser.startsWith('id') || browser.startsWith('ms') ? 'id' : 'en';
}

let current = 'en';

/** Looks up `key` in the current language and fills `{name}` placeholders from `vars`. */
export function t(key, vars = {}) {
  const value = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  if (typeof value !== 'string') return value;
  return value.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export function language() {
  return current;
}

/** Switches the page to `lang`, remembers the choice, and re-renders every marked element. */
export function setLanguage(lang, root = document) {
  current = lang in STRINGS ? lang : 'en';
  document.documentElement.lang = current;
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Not remembering the choice is harmless.
  }
  for (const el of root.querySelectorAll('[data-i18n]')) el.replaceChildren(rich(t(el.dataset.i18n)));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll('[data-i18n-list]')) {
    const items = t(el.dataset.i18nList);
    el.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.append(rich(item));
      return li;
    }));
  }
  document.title = t('site.title');
}

/** Turns a string with `code` spans and [text](url) links into DOM nodes (no HTML parsing). */
export function rich(text) {
  const fragment = document.createDocumentFragment();
  const pattern = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    fragment.append(text.slice(at, match.index));
    if (match[1] !== undefined) {
      const code = document.createElement('code');
      code.textContent = match[1];
      fragment.append(code);
    } else {
      const link = document.createElement('a');
      link.textContent = match[2];
      link.href = match[3];
      fragment.append(link);
    }
    at = match.index + match[0].length;
  }
  fragment.append(text.slice(at));
  return fragment;
}
