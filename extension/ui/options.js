/**
 * The options page: global switch, footer-clutter kinds, sites switched off and sites added, the
 * user's own phrases, the running total, and export/import. It re-renders whenever storage
 * changes, so it stays in step with the popup. User text is only ever set as textContent.
 */
import { ext } from '../lib/protocol.js';
import { loadMessages, localize, t, categoryName, formatNumber } from './i18n.js';
import { load, save, update, repair, loadStats, VERSION, CLUTTER, MAX_ORIGINS } from '../lib/settings.js';
import { registerOrigins, unregisterOrigins, syncRegistrations } from '../lib/origins.js';
import {
  setEnabled,
  setSite,
  setClutter,
  addAllow,
  removeAllow,
  addDeny,
  removeDeny,
  addOrigin,
  removeOrigin,
  originPattern,
  patternHost,
  phraseRefusal,
} from './edits.js';
import { checkFileSize, exportFile, importPlan, parseImport } from './backup.js';

const $ = (id) => document.getElementById(id);

let settings = null;

/** A list entry: the text, an optional note, and one action button. */
function entry(text, { note, action, actionLabel, onAction, secondary }) {
  const li = document.createElement('li');
  const label = document.createElement('span');
  label.className = 'entry-text';
  label.textContent = text;
  li.append(label);
  if (note) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = note;
    li.append(badge);
  }
  const actions = document.createElement('span');
  actions.className = 'entry-actions';
  if (secondary) actions.append(secondary);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button small';
  button.textContent = action;
  button.setAttribute('aria-label', actionLabel);
  button.addEventListener('click', onAction);
  actions.append(button);
  li.append(actions);
  return li;
}

/** Fills a list, or shows its `data-empty` message when there is nothing. */
function fill(list, items) {
  if (items.length) return list.replaceChildren(...items);
  const empty = document.createElement('li');
  empty.className = 'empty';
  empty.textContent = t(list.dataset.empty);
  list.replaceChildren(empty);
}

function change(edit) {
  return update(edit).catch((error) => console.error('Bersih: saving settings failed', error));
}

function renderClutter() {
  const rows = CLUTTER.map((kind) => {
    const row = document.createElement('label');
    row.className = 'switch-row';
    const text = document.createElement('span');
    text.className = 'switch-text';
    const name = document.createElement('span');
    name.className = 'switch-label';
    name.id = `clutter-${kind}-label`;
    name.textContent = categoryName(kind);
    const example = document.createElement('span');
    example.className = 'hint';
    example.id = `clutter-${kind}-hint`;
    example.textContent = t('clutterEx_' + kind.replace(/-/g, '_'));
    text.append(name, example);
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.className = 'switch';
    input.setAttribute('role', 'switch');
    input.setAttribute('aria-labelledby', name.id);
    input.setAttribute('aria-describedby', example.id);
    input.dataset.kind = kind;
    input.checked = settings.clutter[kind] !== false;
    input.addEventListener('change', () => change((s) => setClutter(s, kind, input.checked)));
    row.append(text, input);
    return row;
  });
  $('clutter').replaceChildren(...rows);
}

async function renderSites() {
  const off = Object.entries(settings.sites)
    .filter(([, on]) => on === false)
    .map(([host]) => host)
    .sort();
  fill(
    $('sites-off'),
    off.map((host) =>
      entry(host, {
        action: t('turnOn'),
        actionLabel: t('turnOnLabel', host),
        onAction: () => change((s) => setSite(s, host, true)),
      }),
    ),
  );

  const added = [];
  for (const pattern of settings.origins) {
    const granted = await ext.permissions.contains({ origins: [pattern] }).catch(() => false);
    const host = patternHost(pattern);
    let secondary = null;
    if (!granted) {
      secondary = document.createElement('button');
      secondary.type = 'button';
      secondary.className = 'button small primary';
      secondary.textContent = t('allow');
      secondary.addEventListener('click', () => grant(pattern));
    }
    const li = entry(host, {
      note: granted ? null : t('needsPermission'),
      action: t('remove'),
      actionLabel: t('removeLabel', host),
      onAction: () => removeSite(pattern),
      secondary,
    });
    li.dataset.pattern = pattern;
    added.push(li);
  }
  fill($('sites-added'), added);
}

function renderPhrases() {
  const phraseEntry = (phrase, remove) =>
    entry(phrase, {
      action: t('remove'),
      actionLabel: t('removeLabel', phrase),
      onAction: () => change(remove),
    });
  fill(
    $('deny'),
    settings.deny.map((p) => phraseEntry(p, (s) => removeDeny(s, p))),
  );
  fill(
    $('allow'),
    (settings.allow['*'] ?? []).map((p) => phraseEntry(p, (s) => removeAllow(s, '*', p))),
  );
  const box = $('allow-sites');
  const scopes = Object.keys(settings.allow)
    .filter((scope) => scope !== '*' && settings.allow[scope].length)
    .sort();
  if (!scopes.length) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = t(box.dataset.empty);
    return box.replaceChildren(empty);
  }
  box.replaceChildren(
    ...scopes.map((scope) => {
      const group = document.createElement('div');
      group.className = 'site-group';
      const title = document.createElement('h4');
      title.textContent = scope;
      const list = document.createElement('ul');
      list.className = 'entries phrases';
      list.dataset.scope = scope;
      list.append(
        ...settings.allow[scope].map((p) => phraseEntry(p, (s) => removeAllow(s, scope, p))),
      );
      group.append(title, list);
      return group;
    }),
  );
}

async function renderStats() {
  const { hidden } = await loadStats();
  $('total-hidden').textContent = formatNumber(hidden);
}

async function render() {
  settings = await load();
  $('enabled').checked = settings.enabled;
  renderClutter();
  renderPhrases();
  renderImportPreview();
  await Promise.all([renderSites(), renderStats()]);
  document.body.dataset.ready = 'true';
}

/** Asks for a site's permission; must run first thing in a click or submit handler. */
function grant(pattern) {
  const answer = ext.permissions.request({ origins: [pattern] });
  return answer.then(async (granted) => {
    if (!granted) return false;
    await update((s) => addOrigin(s, pattern));
    await registerOrigins([pattern]);
    await render();
    return true;
  });
}

async function removeSite(pattern) {
  await update((s) => removeOrigin(s, pattern));
  await unregisterOrigins([pattern]);
  await ext.permissions.remove({ origins: [pattern] }).catch(() => false);
  await render();
}

function showSiteError(messageId, ...subs) {
  const error = $('add-site-error');
  error.hidden = !messageId;
  error.textContent = messageId ? t(messageId, ...subs) : '';
}

function onAddSite(event) {
  event.preventDefault();
  const input = $('add-site-input');
  const pattern = originPattern(input.value.trim());
  if (!pattern) return showSiteError('badSite');
  if (!settings.origins.includes(pattern) && settings.origins.length >= MAX_ORIGINS) {
    return showSiteError('sitesFull', formatNumber(MAX_ORIGINS));
  }
  showSiteError(null);
  grant(pattern)
    .then((granted) => {
      if (granted) input.value = '';
      else showSiteError('enableDenied');
    })
    .catch(() => showSiteError('badSite'));
}

/** Says why a phrase was not added (`{error, limit}` from `phraseRefusal`), or clears the message. */
function showPhraseError(refusal) {
  const error = $('phrase-error');
  error.hidden = !refusal;
  error.textContent = refusal ? t(refusal.error, formatNumber(refusal.limit)) : '';
}

function onAddPhrase(inputId, list, edit) {
  return (event) => {
    event.preventDefault();
    const input = $(inputId);
    const phrase = input.value;
    if (!phrase.trim()) return;
    const refusal = phraseRefusal(settings, list(settings), phrase);
    showPhraseError(refusal);
    if (refusal) return;
    change((s) => edit(s, phrase)).then(() => {
      input.value = '';
    });
  };
}

function fail(error) {
  showBackupMessage(t('errorGeneric', error?.message ?? String(error)), true);
}

function showBackupMessage(text, isError) {
  const message = $('backup-message');
  message.hidden = false;
  message.textContent = text;
  message.classList.toggle('error', isError);
}

function onExport() {
  const { name, text } = exportFile(settings);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message for `{error, field?, count?, limit?}` from backup.js: numbers in the interface's format. */
function importError({ error, field, count, limit }) {
  switch (error) {
    case 'importBadField':
      return t('importBadField', field);
    case 'importPhraseTooLong':
      return t('importPhraseTooLong', field, formatNumber(limit));
    case 'importTooManyPhrases':
      return t('importTooManyPhrases', formatNumber(count), formatNumber(limit));
    case 'importTooManySites':
      return t('importTooManySites', field, formatNumber(count), formatNumber(limit));
    case 'importTooBig':
      return t('importTooBig', formatNumber(Math.round(limit / 1e6)));
    default:
      return t(error);
  }
}

/** The import waiting for the user's choice: `{name, raw}` (a valid file), or null. */
let pendingImport = null;

function importMode() {
  return document.querySelector('input[name="import-mode"]:checked')?.value === 'replace' ? 'replace' : 'merge';
}

/** Shows what the chosen way of importing would change, and whether it can be applied. */
function renderImportPreview() {
  const box = $('import-preview');
  box.hidden = !pendingImport;
  if (!pendingImport) return;
  const mode = importMode();
  // Planned on the settings shown, so a change made elsewhere meanwhile updates the counts.
  const result = importPlan(settings, pendingImport.raw)[mode];
  $('import-preview-title').textContent = t('importPreviewTitle', pendingImport.name);
  for (const row of ['phrases', 'sites']) {
    const cells = box.querySelectorAll(`tr[data-row="${row}"] td`);
    const counts = result[row];
    ['added', 'removed', 'kept'].forEach((key, i) => {
      cells[i].textContent = formatNumber(counts[key]);
    });
  }
  $('import-switches').textContent =
    mode === 'merge' ? t('importSwitchesKept') : t('importSwitchesChanged', formatNumber(result.switches));
  const over = $('import-over');
  over.hidden = result.fits;
  over.textContent = result.fits ? '' : t('importMergeTooMany');
  $('import-apply').disabled = !result.fits;
}

function cancelImport() {
  pendingImport = null;
  renderImportPreview();
}

/** Reads a picked file's text; refuses it (nothing changes) or shows what importing it would do. */
function importText(name, text) {
  const parsed = parseImport(text, VERSION);
  if (parsed.error) {
    cancelImport();
    return showBackupMessage(importError(parsed), true);
  }
  $('backup-message').hidden = true;
  pendingImport = { name, raw: parsed.settings };
  // Merging is the default: it loses nothing the user has.
  document.querySelector('input[name="import-mode"][value="merge"]').checked = true;
  renderImportPreview();
  $('import-preview').querySelector('input[name="import-mode"]:checked').focus();
}

/** Stores the previewed import the chosen way, once the user confirmed it. */
async function applyImport() {
  if (!pendingImport) return;
  // Planned again on what is stored now, which is what the new settings replace.
  const plan = importPlan(await load(), pendingImport.raw)[importMode()];
  if (!plan.fits) return renderImportPreview();
  pendingImport = null;
  renderImportPreview();
  const saved = await save(plan.settings);
  await syncRegistrations(saved.origins).catch((error) =>
    console.error('Bersih: registering imported sites failed', error),
  );
  showBackupMessage(t('importDone'), false);
}

async function onImportFile() {
  const input = $('import-file');
  const [file] = input.files;
  input.value = '';
  if (!file) return;
  // Refused on its size alone: a huge file is never read.
  const tooBig = checkFileSize(file.size);
  if (tooBig) {
    cancelImport();
    return showBackupMessage(importError(tooBig), true);
  }
  const text = await file.text().catch(() => null);
  if (text === null) return showBackupMessage(t('importNotJson'), true);
  importText(file.name, text);
}

async function main() {
  await loadMessages();
  localize();
  $('enabled').addEventListener('change', (e) => change((s) => setEnabled(s, e.target.checked)));
  $('add-site').addEventListener('submit', onAddSite);
  $('add-deny').addEventListener('submit', onAddPhrase('add-deny-input', (s) => s.deny, addDeny));
  $('add-allow').addEventListener(
    'submit',
    onAddPhrase('add-allow-input', (s) => s.allow['*'] ?? [], (s, p) => addAllow(s, '*', p)),
  );
  $('export').addEventListener('click', onExport);
  $('import').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', () => onImportFile().catch(fail));
  for (const radio of document.querySelectorAll('input[name="import-mode"]')) {
    radio.addEventListener('change', renderImportPreview);
  }
  $('import-apply').addEventListener('click', () => applyImport().catch(fail));
  $('import-cancel').addEventListener('click', cancelImport);
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes.settings) render().catch(console.error);
    else if (changes.stats) renderStats().catch(console.error);
  });
  // Stored settings out of normal form (an older version's, hand-edited) are put right once here.
  await repair().catch((error) => console.error('Bersih: checking the stored settings failed', error));
  await render();
}

main().catch((error) => {
  console.error('Bersih: options page failed', error);
  document.body.dataset.ready = 'true';
});
