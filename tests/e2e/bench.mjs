// `node tests/e2e/bench.mjs` (run by `cargo xtask bench`): the content script's cost in the real
// browser with the built extension. Prints numbers; asserts nothing about time.
//
// - a typical post page (tests/pages/classic-simple) and a page with 1 MB of post text;
// - per page: start → done (loader start to the first scan applied, which includes waiting for
//   the document to be parsed), and the scan's own parts: collect, core call, apply;
// - Wasm start-up in the content script: import of the glue, fetch, compile, instantiate.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PAGES, startSession, waitForScan } from './harness.mjs';

const RUNS = Number(process.env.BERSIH_BENCH_RUNS ?? 7);

/** A Blogger page whose post body holds about `bytes` of text, with some injected ad lines. */
function bigPage(bytes) {
  const sentences = [
    'Harga komoditas bergerak beragam sepanjang pekan karena pelaku pasar menunggu data ekonomi.',
    'Pedagang di pasar induk menyebut pasokan sayur dari dataran tinggi mulai normal kembali.',
    'Pemerintah daerah menyiapkan anggaran perbaikan jalan desa yang rusak akibat banjir.',
    'Analis menilai permintaan ekspor masih kuat meski biaya pengapalan naik.',
  ];
  const paras = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let p = `${sentences[i % 4]} ${sentences[(i + 1) % 4]} ${sentences[(i + 2) % 4]}`;
    if (i % 40 === 0) p = `BESTPROFIT FUTURES - ${p}`;
    if (i % 40 === 20) p = 'BEST PROFIT';
    paras.push(`<p>${p}</p>`);
    size += p.length;
  }
  return `<!DOCTYPE html><html><head><meta charset='UTF-8'><meta content='blogger' name='generator'><title>Besar</title></head>
<body><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'><div class='post-outer'><div class='post hentry'>
<h3 class='post-title entry-title'>Satu Megabita Teks</h3><div class='post-body entry-content'>
${paras.join('\n')}
</div></div></div></div></div></body></html>`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-bench-'));
await fs.mkdir(path.join(tmp, 'big'));
await fs.writeFile(path.join(tmp, 'big', 'page.html'), bigPage(1 << 20));
const session = await startSession({ roots: [PAGES, tmp] });
try {
  console.log(`content script timing, median of ${RUNS} loads (${session.driver.name})`);
  for (const [label, name] of [['typical post (classic-simple)', 'classic-simple'], ['1 MB of post text', 'big']]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const url = session.server.url(name, 'page.html', `?run=${i}`);
      const page = await session.browser.open(url);
      const report = await waitForScan(session.browser, url);
      runs.push({ ...report.timing, items: report.items.length });
      await page.close();
    }
    const pick = (f) => median(runs.map(f));
    const first = runs[0].first ?? {};
    console.log(`\n${label}: ${first.blocks} blocks, ${first.chars} chars, ${runs[0].items} hidden, core in ${runs[0].path}`);
    console.log(`  start → done            ${fmt(pick((r) => r.doneMs))}`);
    console.log(`  collect                 ${fmt(pick((r) => r.first.collectMs))}`);
    console.log(`  core call               ${fmt(pick((r) => r.first.coreCallMs))} (JSON in, findings out)`);
    console.log(`  waiting for the core    ${fmt(pick((r) => r.first.scanMs - r.first.coreCallMs))} (start-up not yet done when the page was ready)`);
    console.log(`  apply                   ${fmt(pick((r) => r.first.applyMs))}`);
    console.log(`  Wasm start-up (import glue, fetch, compile, instantiate)  ${fmt(pick((r) => r.coreStartupMs))}`);
    console.log(`  core warm-up (first call, builds the rule tables)       ${fmt(pick((r) => r.coreWarmUpMs))}`);
  }
} finally {
  await session.close();
  await fs.rm(tmp, { recursive: true, force: true });
}
