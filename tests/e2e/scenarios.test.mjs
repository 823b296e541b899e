// The scenarios of scenarios.mjs in one browser (BERSIH_BROWSER, default chromium).
import { after, before, test } from 'node:test';
import { startSession } from './harness.mjs';
import { scenarios } from './scenarios.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(() => session?.close());

for (const [name, run] of Object.entries(scenarios)) {
  test(name, () => run(session));
}
