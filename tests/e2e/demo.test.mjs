// The headless half of `cargo xtask demo` (tests/e2e/demo.mjs), run as the demo runs it, against
// the sample page on the test server: it must print the page before and after, with the ads
// marked as hidden and gone afterwards, and the extension's report. Chromium only (the demo's
// browser; the skip in Firefox is declared in skips.txt); the xtask side (serving, ports, options)
// has its own Rust tests.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';

import { ROOT, declaredSkip } from './harness.mjs';
import { startServer } from './server.mjs';

const dist = process.env.BERSIH_DIST ?? path.join(ROOT, 'dist');

const NAME = 'the headless demo shows the sample cleaned and the report';
test(NAME, { skip: declaredSkip(NAME) }, async () => {
  const server = await startServer({ resolve: (host, pathname) => path.join(dist, 'www', pathname) });
  try {
    const url = `http://demo.blogspot.com:${server.port}/samples/cabai.html`;
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'tests/e2e/demo.mjs'), '--url', url, '--map-host', 'demo.blogspot.com'], {
      env: { ...process.env, BERSIH_DIST: dist },
      timeout: 60_000,
    });
    const [, before, afterAndReport] = stdout.split(/^── (?:BEFORE|AFTER)\b.*$/m);
    const [after, report] = afterAndReport.split(/^── REPORT\b/m);
    assert.match(before, /^ {2}~ BESTPROFIT FUTURES - Harga cabai rawit merah/m, 'the prefixed paragraph is marked as shortened');
    assert.match(before, /^ {2}- PT BESTPROFIT$/m, 'the brand line is marked as hidden');
    assert.match(before, /^ {4}Di Pasar Johar, Semarang/m, 'an untouched paragraph is unmarked');
    assert.doesNotMatch(after, /BESTPROFIT|BEST PROFIT|0 komentar:|Posting Lebih Baru/);
    assert.match(after, /^ {4}Harga cabai rawit merah di sejumlah pasar/m);
    assert.match(report, /from the extension: (\d+) hidden on demo\.blogspot\.com/);
    assert.match(report, /^ {2}prefix +2$/m);
    assert.match(report, /\[link-line\] +"BACA JUGA : PT BESTPROFIT FUTURES - Harga Bawang Merah Stabil/);
  } finally {
    await server.close();
  }
});
