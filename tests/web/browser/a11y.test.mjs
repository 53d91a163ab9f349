// a11y.test.mjs - an accessibility check of every kind of page herald serves: axe-core
// (node_modules/axe-core/axe.min.js, pinned in package-lock.json) runs in headless Chromium
// over each page in four modes, light and dark (prefers-color-scheme) at desktop (1280) and
// phone (390) width, with the WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices.
// A serious or critical violation fails the page (printed with its rule id, impact, page,
// mode and the selectors of the offending elements); moderate and minor ones are counted
// and listed but do not fail.  Pages: home, an older page of the list, articles (plain,
// hostile, with comments signed out / as the reader / as the admin, with an asked
// question), a story, a source, an entity, search (results, no results, empty, an invalid
// filter), about, sign-in and sign-up (empty and after a refused attempt), the account,
// saved articles, a comment's edit form, the moderation queue, the admins' users and feeds,
// 404 pages, the sources index and a topic section (the first topic it links to).
// Each page in each mode is one case of the closing "N passed, N failed, N skipped" line.
// Usage: node a11y.test.mjs DEMO_SERVER_BINARY
// A11Y_PAGES=name,name... checks only those pages (names as in pageList; while fixing one).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { blockOffsite, launchBrowser, startServer, stopAll, viewports } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const FAILING = new Set(['serious', 'critical']);
const CONCURRENCY = 4;

const [serverBin] = process.argv.slice(2);
const started = Date.now();
const info = await startServer(serverBin);
const { base, server } = info;
const browser = await launchBrowser();

// A refused form submission: the page re-rendered with its error message.  These run one
// at a time (formLock); after a refused sign-in the admin signs in (from node) so that the
// failures do not add up to the sign-in delay (a 429).  Nothing here sets a cookie.
const refused = (fields) => async (page) => {
  for (const [sel, value] of Object.entries(fields)) await page.fill(sel, value);
  const [resp] = await Promise.all([page.waitForNavigation(), page.click('form.auth button[type=submit]')]);
  if (page.url().endsWith('/signin')) {
    const ok = await fetch(`${base}/signin`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ name: 'Ada Admin', password: 'a long enough passphrase' }),
    });
    if (ok.status !== 303) throw new Error(`the admin's sign-in answered ${ok.status}`);
  }
  return resp;
};

// [name, path, who (anon | reader | admin), expected status, optional action after load]
function pageList(cursor, topic) {
  const art = `/article/${info.ARTICLE}`, sea = `/article/${info.SEAFOOD}`;
  return [
    ['home', '/', 'anon', 200],
    ['home-older', `/?before=${encodeURIComponent(cursor)}`, 'anon', 200],
    ['home-lang', '/?lang=en', 'anon', 200],
    ['home-reader-unread', '/?unread=1', 'reader', 200],
    ['article', art, 'anon', 200],
    ['article-hostile', `/article/${info.HOSTILE}`, 'anon', 200],
    ['article-asked', `${art}?q=${encodeURIComponent('Who was behind the campaign?')}`, 'anon', 200],
    ['article-translated', `/fr${art}`, 'anon', 200],
    ['article-comments', sea, 'anon', 200],
    ['article-reader', sea, 'reader', 200],
    ['article-admin', sea, 'admin', 200],
    ['story', `/story/${info.STORY}`, 'anon', 200],
    ['source', `/source/${info.SOURCE}`, 'anon', 200],
    ['source-reader', `/source/${info.SOURCE}`, 'reader', 200],
    ['entity', `/entity/${info.ENTITY}`, 'anon', 200],
    ['search-results', '/search?q=china', 'anon', 200],
    ['search-none', '/search?q=zyxwvut', 'anon', 200],
    ['search-empty', '/search', 'anon', 200],
    ['search-invalid', '/search?q=china&since=yesterday', 'anon', 400],
    ['about', '/about', 'anon', 200],
    ['signin', '/signin', 'anon', 200],
    ['signin-refused', '/signin', 'anon', 401,
      refused({ '#name': 'Nobody Here', '#password': 'not the right passphrase' })],
    ['signup', '/signup', 'anon', 200],
    ['signup-refused', '/signup', 'anon', 400,
      refused({ '#name': 'Newcomer1234', '#password': 'Newcomer1234' })], // the password is the name
    ['account', '/account', 'reader', 200],
    ['account-admin', '/account', 'admin', 200],
    ['saved', '/saved', 'reader', 200],
    ['saved-anon', '/saved', 'anon', 200],
    ['comment-edit', `/comments/${info.COMMENT}/edit`, 'reader', 200],
    ['moderation', '/moderation', 'admin', 200],
    ['admin-users', '/admin/users', 'admin', 200],
    ['admin-feeds', '/admin/feeds', 'admin', 200],
    ['admin-denied', '/admin/users', 'reader', 403],
    ['not-found', '/no/such/page', 'anon', 404],
    ['article-missing', `/article/${'0'.repeat(32)}`, 'anon', 404],
    ['sources', '/sources', 'anon', 200],
    ['topic', topic, 'anon', 200],
  ];
}

let passed = 0, failed = 0, skipped = 0;
const offsite = []; // requests the pages made to anything but the server (none allowed)
const soft = new Map(); // "impact rule" -> count of page/mode pairs
const modes = [];
for (const scheme of ['light', 'dark']) {
  for (const [vpName, viewport] of viewports) modes.push({ scheme, vpName, viewport });
}

// One browser context per (who, mode), with the session cookie, the colour scheme, axe
// (an init script: not subject to the page's CSP) and one page that visits the group's
// pages in turn: a new page per visit would start a renderer each time.
async function openGroup(who, mode) {
  const ctx = await browser.newContext({ viewport: mode.viewport, colorScheme: mode.scheme });
  const token = { reader: info.READER_SESSION, admin: info.ADMIN_SESSION }[who];
  if (token) await ctx.addCookies([{ name: 'herald_session', value: token, url: base }]);
  await ctx.addInitScript(axeSource);
  const page = await ctx.newPage();
  await blockOffsite(page, base, offsite);
  return { ctx, page };
}

// The form submissions run one at a time (see refused).
let formLock = Promise.resolve();

async function check(page, [name, path, who, status, act], mode) {
  const label = `${name} (${path}${who === 'anon' ? '' : ` as ${who}`}) ${mode.scheme} ${mode.vpName}`;
  let resp = await page.goto(base + path, { waitUntil: 'load' });
  if (act) {
    const done = formLock.then(() => act(page));
    formLock = done.catch(() => {});
    resp = await done;
    await page.waitForLoadState('load');
  }
  if (!resp || resp.status() !== status) {
    failed++;
    console.log(`FAIL ${label}: status ${resp && resp.status()}, expected ${status}`);
    return;
  }
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }).then((r) => ({
    passes: r.passes.length,
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
  })), AXE_TAGS);
  const { violations } = result;
  if (result.passes < 20) { // a page axe could not look at is not a clean page
    failed++;
    console.log(`FAIL ${label}: axe passed only ${result.passes} rules`);
    return;
  }
  const bad = violations.filter((v) => FAILING.has(v.impact));
  for (const v of violations.filter((x) => !FAILING.has(x.impact))) {
    const k = `${v.impact} ${v.id}: ${v.help}`;
    soft.set(k, (soft.get(k) || 0) + 1);
  }
  if (bad.length === 0) {
    passed++;
    return;
  }
  failed++;
  for (const v of bad) {
    console.log(`FAIL ${label}: ${v.id} (${v.impact}) ${v.help}`);
    for (const t of v.targets.slice(0, 8)) console.log(`    ${t}`);
    if (v.targets.length > 8) console.log(`    ... and ${v.targets.length - 8} more`);
  }
}

async function checkCaught(page, p, m) {
  try {
    await check(page, p, m);
  } catch (e) {
    failed++;
    console.log(`FAIL ${p[0]} ${m.scheme} ${m.vpName}: exception ${e.stack || e}`);
  }
}

try {
  // a cursor for the second page of the latest list, from the API's first page of three
  const api = await (await fetch(`${base}/api/v1/articles?limit=3`)).json();
  const cursor = api.next_cursor || api.next || '';
  if (!cursor) throw new Error(`no next cursor in /api/v1/articles: ${JSON.stringify(api).slice(0, 200)}`);
  // a topic section: the first one the sources index links to
  const sources = await (await fetch(`${base}/sources`)).text();
  const topicHref = sources.match(/href="(\/topic\/[a-z0-9-]+)"/);
  if (!topicHref) throw new Error('/sources links to no /topic/ page');
  const pages = pageList(cursor, topicHref[1]);
  const only = process.env.A11Y_PAGES ? new Set(process.env.A11Y_PAGES.split(',')) : null;
  const unknown = only ? [...only].filter((n) => !pages.some((x) => x[0] === n)) : [];
  if (unknown.length) throw new Error(`A11Y_PAGES names no page: ${unknown.join(', ')}`);
  const groups = new Map(); // "who scheme width" -> { who, mode, pages }
  for (const p of pages.filter((x) => !only || only.has(x[0]))) {
    for (const mode of modes) {
      const key = `${p[2]} ${mode.scheme} ${mode.vpName}`;
      if (!groups.has(key)) groups.set(key, { who: p[2], mode, pages: [] });
      groups.get(key).pages.push(p);
    }
  }
  // a few groups at a time, the largest first (the demo server has two threads, the
  // machine two cores)
  const queue = [...groups.values()].sort((x, y) => y.pages.length - x.pages.length);
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      const { ctx, page } = await openGroup(g.who, g.mode);
      for (const p of g.pages) await checkCaught(page, p, g.mode);
      await ctx.close();
    }
  }));
  if (offsite.length) {
    failed++;
    console.log(`FAIL pages requested other hosts: ${JSON.stringify([...new Set(offsite)])}`);
  }
} catch (e) {
  failed++;
  console.log(`FAIL exception: ${e.stack || e}`);
} finally {
  await stopAll(browser, server);
}
if (soft.size) {
  console.log('moderate and minor findings (not failures), with the number of page/mode pairs:');
  for (const [k, n] of [...soft].sort()) console.log(`  ${n} x ${k}`);
}
console.log(`a11y: ${passed + failed} page/mode checks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
