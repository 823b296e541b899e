// The hostile pages of hostile.mjs in one browser (BERSIH_BROWSER, default chromium).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSession } from './harness.mjs';
import { hostileScenarios, writeHostilePages } from './hostile.mjs';

let session;
let dir;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-hostile-'));
  await writeHostilePages(dir);
  session = await startSession({ roots: [dir] });
});
after(async () => {
  await session?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

for (const [name, run] of Object.entries(hostileScenarios)) {
  test(name, { timeout: 300_000 }, () => run(session));
}
