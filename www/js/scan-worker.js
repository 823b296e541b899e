// The playground's scanner: loads the same Wasm core as the extension and cleans text off the
// page's main thread, so typing stays responsive and a 1 MB paste cannot freeze the page.
//
// In: {id, text}. Out: {id, findings (with string indices from/to), cleaned, report, ms} or
// {id, error}. `report` is the core's JSON answer as it came, shown in the playground.

import init, { scanText, version } from '../core/bersih.js';
import { withStringIndices } from './offsets.js';

const ready = init()
  .then(() => {
    postMessage({ type: 'ready', version: version() });
  })
  .catch((error) => {
    postMessage({ type: 'ready', error: `cannot load the Wasm core: ${error.message ?? error}` });
    throw error;
  });

addEventListener('message', async ({ data }) => {
  const { id, text } = data;
  try {
    await ready;
    const started = performance.now();
    const report = scanText(text);
    const parsed = JSON.parse(report);
    const findings = withStringIndices(text, parsed.findings);
    const ms = performance.now() - started;
    postMessage({ type: 'result', id, findings, cleaned: parsed.cleaned, report, ms });
  } catch (error) {
    postMessage({ type: 'result', id, error: String(error.message ?? error) });
  }
});
