// browser.test.mjs - herald's pages in headless Chromium (Debian's chromium package, driven
// by playwright-core): home, an article (light and dark), a hostile article, search, a
// source and about, each at desktop (1280) and phone (390) width.  Checks: the page loads
// with 200, the stylesheet applies, nothing overflows horizontally, the skip link gets a
// visible focus, the Content-Security-Policy reports no violation, the console has no
// error, no request fails; and saves a screenshot of each under SCREENSHOT_DIR.  Then a
// reader signs up, comments and replies (readerFlow).  Last, feedsFlow follows each page's
// feed autodiscovery links (<link rel=alternate>) and parses every feed it gets back with
// herald's own parser (`herald parse-feed -`, HERALD_BIN); navFlow uses the language filter
// and Older / Newer with script off.  keysFlow drives the keyboard
// shortcuts of /static/herald.js (j/k/o/Enter on the home list, / to search, ? for the help)
// and checks that a page without script is the server's page; timesFlow checks that every
// <time> is rewritten to the browser's zone (America/New_York, Europe/Berlin).  A step that
// cannot run prints "SKIP what: why" and counts as skipped, never as passed.
// Usage: node browser.test.mjs DEMO_SERVER_BINARY SCREENSHOT_DIR
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { blockOffsite, launchBrowser, startServer, stopAll, viewports } from './harness.mjs';

const [serverBin, shotDir] = process.argv.slice(2);
mkdirSync(shotDir, { recursive: true });

let passed = 0, failed = 0, skipped = 0;
function check(ok, what) {
  if (ok) { passed++; } else { failed++; console.log(`FAIL ${what}`); }
}
function skip(what, why) {
  skipped++;
  console.log(`SKIP ${what}: ${why}`);
}

const info = await startServer(serverBin);
const { base, server } = info;
const browser = await launchBrowser();
const offsite = []; // requests the pages made to anything but the server (none allowed)

const pages = [
  ['home', '/'],
  ['article', `/article/${info.ARTICLE}`],
  ['hostile', `/article/${info.HOSTILE}`],
  ['search', '/search?q=china'],
  ['source', '/source/2'],
  ['about', '/about'],
];

async function visit(name, path, vpName, viewport, scheme) {
  const { ctx, page, errors } = await watchedPage({ viewport, colorScheme: scheme });
  // A lazy thumbnail whose first (proxied, uncached) fetch is still running when the page
  // is screenshotted or resized may be cancelled by the browser itself (net::ERR_ABORTED):
  // that is the client's choice, not a failure, so such a URL is fetched again below and
  // must then answer 200 with an image.  Every other failed request is an error.
  const abortedMedia = [];
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText;
    if (why === 'net::ERR_ABORTED' && r.url().startsWith(`${base}/media/`)) abortedMedia.push(r.url());
    else errors.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  const label = `${name}-${vpName}${scheme === 'dark' ? '-dark' : ''}`;
  const resp = await page.goto(base + path, { waitUntil: 'load' });
  check(resp && resp.status() === 200, `${label}: status ${resp && resp.status()}`);
  const m = await page.evaluate(() => ({
    csp: window.__csp,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    bodyMargin: getComputedStyle(document.body).marginTop,
    font: getComputedStyle(document.body).fontFamily,
    main: !!document.querySelector('main#main'),
    header: !!document.querySelector('header.site nav'),
    footer: !!document.querySelector('footer.site'),
    h1: document.querySelector('h1')?.textContent || '',
    imgsWithoutAlt: [...document.images].filter((i) => !i.hasAttribute('alt')).length,
    brokenImgs: [...document.images].filter((i) => i.complete && i.naturalWidth === 0).length,
    alerts: window.__alerted || 0,
  }));
  check(m.csp.length === 0, `${label}: CSP violations ${JSON.stringify(m.csp)}`);
  check(m.overflow <= 0, `${label}: horizontal overflow of ${m.overflow}px`);
  check(m.bodyMargin === '0px' && /system-ui/.test(m.font), `${label}: stylesheet not applied`);
  check(m.main && m.header && m.footer, `${label}: landmarks missing`);
  check(m.h1.length > 0, `${label}: no h1`);
  check(m.imgsWithoutAlt === 0, `${label}: images without alt`);
  check(m.brokenImgs === 0, `${label}: ${m.brokenImgs} broken images`);
  if (name === 'home' && vpName === 'phone') {
    // on a phone only the first top story with a picture shows it (across the screen); the
    // latest list's heading is within the first screen (844 px), not below three pictures
    const h = await page.evaluate(() => ({
      latest: document.getElementById('latest-h').getBoundingClientRect().top + window.scrollY,
      tops: [...document.querySelectorAll('ol.lead img.thumb')]
        .map((i) => Math.round(i.getBoundingClientRect().width)),
    }));
    check(h.tops.length >= 2, `${label}: ${h.tops.length} top stories with a picture`);
    check(h.tops[0] > 300 && h.tops.slice(1).every((w) => w === 0),
          `${label}: top story picture widths ${JSON.stringify(h.tops)}`);
    check(h.latest < 900, `${label}: the latest list starts ${Math.round(h.latest)} px down`);
  }
  if (name === 'article') {
    // the lead image is loading=lazy: give it time to arrive before judging it
    await page.waitForFunction(() => {
      const i = document.querySelector('figure.lead img');
      return i && i.complete && i.naturalWidth > 0;
    }, null, { timeout: 15000 }).catch(() => {});
    const a = await page.evaluate(() => ({
      lead: document.querySelector('figure.lead img')?.naturalWidth || 0,
      caption: document.querySelector('figure.lead figcaption')?.textContent || '',
      related: document.querySelectorAll('.related li').length,
      comments: document.querySelector('.comments')?.textContent || '',
      time: document.querySelector('.byline time')?.getAttribute('datetime') || '',
    }));
    check(a.lead > 0, `${label}: lead image not shown`);
    // the publisher's http:// image, fetched by the server's proxy and scaled: the
    // browser loads it from /media/ (a srcset width), as WebP, cacheable for a year
    const lead = await page.evaluate(() => {
      const i = document.querySelector('figure.lead img');
      return { src: i?.currentSrc || '', srcset: i?.getAttribute('srcset') || '' };
    });
    check(lead.src.startsWith(`${base}/media/`), `${label}: lead image not proxied: ${lead.src}`);
    check((lead.srcset.match(/ \d+w/g) || []).length === 3, `${label}: lead srcset ${lead.srcset}`);
    const img = await fetch(lead.src);
    check(img.status === 200 && img.headers.get('content-type') === 'image/webp' &&
          /immutable/.test(img.headers.get('cache-control') || ''),
          `${label}: proxied image answered ${img.status} ${img.headers.get('content-type')}`);
    check(a.caption.length > 0, `${label}: no caption`);
    check(a.related >= 1 && a.related <= 6, `${label}: ${a.related} related articles`);
    check(/No comments yet/.test(a.comments), `${label}: comments empty state`);
    check(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(a.time), `${label}: time datetime ${a.time}`);
  }
  if (name === 'hostile') {
    const h1 = await page.evaluate(() => document.querySelector('h1').textContent);
    check(h1.startsWith('<script>alert("pwned")</script>'), `${label}: hostile title shown as text`);
  }
  if (name === 'search') {
    const marks = await page.evaluate(() => document.querySelectorAll('mark').length);
    check(marks > 0, `${label}: no highlighted matches`);
  }
  // Keyboard: the first Tab lands on the visible skip link.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { cls: el.className, top: r.top, outline: getComputedStyle(el).outlineStyle };
  });
  check(skip.cls === 'skip' && skip.top >= 0 && skip.outline !== 'none',
        `${label}: skip link not focused visibly ${JSON.stringify(skip)}`);
  await page.keyboard.press('Shift+Tab');
  await page.screenshot({ path: `${shotDir}/${label}.png`, fullPage: true });
  for (const url of abortedMedia) {
    const r = await fetch(url);
    check(r.status === 200 && /^image\//.test(r.headers.get('content-type') || ''),
          `${label}: cancelled image ${url} answers ${r.status} ${r.headers.get('content-type')}`);
  }
  check(errors.length === 0, `${label}: console/page errors ${JSON.stringify(errors)}`);
  await ctx.close();
}

// A reader signs up, comments on the article, replies to the comment, and sees both, with
// the reply nested under the comment; the forms satisfy the CSP and nothing errors.
async function readerFlow() {
  const { ctx, page, errors } = await watchedPage({});
  const article = `/article/${info.ARTICLE}`;
  await page.goto(base + article, { waitUntil: 'load' });
  await page.click('.comments .signin a[href^="/signin"]');
  await page.click('a[href="/signup"]');
  await page.fill('#name', 'Browser <b>Reader</b>');
  await page.fill('#password', 'a long enough passphrase');
  await Promise.all([page.waitForNavigation(), page.click('form.auth button[type=submit]')]);
  await page.goto(base + article, { waitUntil: 'load' });
  await page.fill('#body-0', 'First comment from the browser, see https://example.org/x');
  await Promise.all([page.waitForNavigation(), page.click('form.compose:not(details form) button')]);
  const first = await page.evaluate(() => document.querySelector('.comments .thread > li')?.id || '');
  check(/^c\d+$/.test(first), `reader: the comment was not posted (${first})`);
  await page.click(`#${first} details.reply summary`);
  await page.fill(`#${first} details.reply textarea`, 'A reply from the browser');
  await Promise.all([page.waitForNavigation(), page.click(`#${first} details.reply button`)]);
  const seen = await page.evaluate(() => ({
    text: document.querySelector('.comments')?.textContent || '',
    nested: document.querySelector('.comments .thread > li .replies > li .text')?.textContent || '',
    author: document.querySelector('.comments .author')?.textContent || '',
    link: document.querySelector('.comments .text a')?.getAttribute('rel') || '',
    count: document.querySelector('.comments h2 .count')?.textContent || '',
    csp: window.__csp,
  }));
  check(/First comment from the browser/.test(seen.text), 'reader: comment not shown');
  check(/A reply from the browser/.test(seen.nested), 'reader: reply not nested under the comment');
  check(seen.author === 'Browser <b>Reader</b>', `reader: author shown as ${seen.author}`);
  check(seen.link === 'nofollow ugc noopener', `reader: link rel ${seen.link}`);
  check(seen.count === '(2)', `reader: count ${seen.count}`);
  check(seen.csp.length === 0, `reader: CSP violations ${JSON.stringify(seen.csp)}`);
  await page.screenshot({ path: `${shotDir}/reader-comments.png`, fullPage: true });
  // signed out (a fresh context), the same page shows both comments and no forms
  const anon = await (await browser.newContext()).newPage();
  await anon.goto(base + article, { waitUntil: 'load' });
  const a = await anon.evaluate(() => ({
    text: document.querySelector('.comments')?.textContent || '',
    forms: document.querySelectorAll('.comments form').length,
  }));
  check(/First comment from the browser/.test(a.text) && /A reply from the browser/.test(a.text),
        'reader: anonymous visitor does not see both');
  check(a.forms === 0, `reader: anonymous page has ${a.forms} forms`);
  check(errors.length === 0, `reader: console/page errors ${JSON.stringify(errors)}`);
  await ctx.close();
}

// The feeds a page announces, fetched and parsed back by herald.
async function feedsFlow() {
  const heraldBin = process.env.HERALD_BIN;
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const wanted = { 'application/rss+xml': 'rss20', 'application/atom+xml': 'atom10',
                   'application/feed+json': 'json11' };
  for (const path of ['/', '/source/2', '/search?q=china']) {
    const resp = await page.goto(base + path, { waitUntil: 'load' });
    check(resp.status() === 200, `feeds ${path}: status ${resp.status()}`);
    const links = await page.$$eval('link[rel="alternate"]', (els) =>
      els.map((e) => ({ type: e.getAttribute('type'), href: e.href })));
    const feeds = links.filter((l) => wanted[l.type]);
    check(feeds.length === 3, `feeds ${path}: ${feeds.length} autodiscovery links`);
    for (const f of feeds) {
      const r = await ctx.request.get(f.href);
      check(r.status() === 200, `feeds ${f.href}: status ${r.status()}`);
      check(r.headers()['content-type'].startsWith(f.type), `feeds ${f.href}: content type`);
      const body = await r.body();
      if (!heraldBin) {
        skip(`feeds ${f.href} parsed back`, 'HERALD_BIN is not set');
        continue;
      }
      const out = spawnSync(heraldBin, ['parse-feed', '-'], { input: body });
      check(out.status === 0, `feeds ${f.href}: herald parse-feed exit ${out.status}`);
      if (out.status !== 0) continue;
      const parsed = JSON.parse(out.stdout.toString());
      check(parsed.version === wanted[f.type], `feeds ${f.href}: format ${parsed.version}`);
      check(!parsed.bozo, `feeds ${f.href}: ill-formed (${parsed.bozo_message})`);
      const entries = parsed.entries || [];
      check(entries.length > 0, `feeds ${f.href}: no entries`);
      check(entries.every((e) => /\/article\/[0-9a-f]{32}$/.test(e.link || '')),
            `feeds ${f.href}: an entry without its article link`);
    }
  }
  await ctx.close();
}

// Finding one's way without script: the language filter's form, Older and Newer.
async function navFlow() {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  const hrefs = () => page.$$eval('section.latest ol.items a[href^="/article/"]',
                                  (els) => els.map((e) => e.getAttribute('href')));
  await page.goto(base + '/', { waitUntil: 'load' });
  const langs = await page.$$eval('#lang-filter option', (els) => els.map((e) => e.value));
  check(langs.length >= 2 && langs[0] === '', `nav: language options ${JSON.stringify(langs)}`);
  const lang = langs[1];
  await page.selectOption('#lang-filter', lang);
  await Promise.all([page.waitForNavigation(), page.click('form.lang-filter button[type=submit]')]);
  check(new URL(page.url()).searchParams.get('lang') === lang, `nav: filter URL ${page.url()}`);
  check(await page.$eval('#lang-filter', (e) => e.value) === lang, 'nav: the language stays selected');
  await page.goto(base + '/', { waitUntil: 'load' });
  const first = await hrefs();
  check(await page.$('nav[aria-label="Pages"] a[rel="prev"]') === null, 'nav: Newer on the first page');
  if (await page.$('nav[aria-label="Pages"] a[rel="next"]')) {
    await Promise.all([page.waitForNavigation(), page.click('nav[aria-label="Pages"] a[rel="next"]')]);
    check(page.url().includes('before='), `nav: Older went to ${page.url()}`);
    await Promise.all([page.waitForNavigation(), page.click('nav[aria-label="Pages"] a[rel="prev"]')]);
    check(page.url().includes('after='), `nav: Newer went to ${page.url()}`);
    check(JSON.stringify(await hrefs()) === JSON.stringify(first), 'nav: Newer is the first page again');
  }
  await ctx.close();
}

// A page with the CSP and console watched, in a context made with opts.
async function watchedPage(opts) {
  const ctx = await browser.newContext({ viewport: viewports[0][1], ...opts });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await blockOffsite(page, base, offsite);
  return { ctx, page, errors };
}

// What the keyboard selection is: the focused element's href, whether its item carries
// the highlight and is inside the window, and how many items are highlighted.
function selection(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const item = el && el.closest && el.closest('.kb-sel');
    const r = item ? item.getBoundingClientRect() : null;
    const links = [...document.querySelectorAll('main .title a[href]')];
    return {
      index: links.indexOf(el),
      href: el && el.href ? el.href : '',
      highlighted: !!item && item.contains(el),
      // within a pixel: scroll positions are whole pixels, layout boxes are not
      inView: !!r && r.top >= -1 && r.bottom <= window.innerHeight + 1,
      count: document.querySelectorAll('.kb-sel').length,
      links: links.length,
    };
  });
}

// The keyboard shortcuts on the home page and the search page, and the page without script.
async function keysFlow() {
  const { ctx, page, errors } = await watchedPage({});
  await page.goto(`${base}/`, { waitUntil: 'load' });
  const help0 = await page.evaluate(() => {
    const d = document.getElementById('keys');
    return { hidden: d ? d.hidden : true, open: d ? d.open : false };
  });
  check(!help0.hidden && !help0.open, `keys: the footer's help is shown closed ${JSON.stringify(help0)}`);
  await page.keyboard.press('j');
  let s = await selection(page);
  check(s.links >= 3, `keys: home has ${s.links} article links`);
  check(s.index === 0 && s.highlighted && s.count === 1 && s.inView,
        `keys: j selects the first article ${JSON.stringify(s)}`);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  s = await selection(page);
  check(s.index === 2 && s.highlighted && s.count === 1, `keys: j j moves to the third ${JSON.stringify(s)}`);
  await page.keyboard.press('k');
  s = await selection(page);
  check(s.index === 1 && s.highlighted && s.count === 1, `keys: k moves back ${JSON.stringify(s)}`);
  // to the last one: each step scrolls its item into view
  for (let i = 0; i < s.links; i++) await page.keyboard.press('j');
  // the stylesheet asks for smooth scrolling: wait (bounded) for it to arrive
  await page.waitForFunction(() => {
    const r = document.querySelector('.kb-sel')?.getBoundingClientRect();
    return r && r.top >= -1 && r.bottom <= window.innerHeight + 1;
  }, null, { timeout: 5000 }).catch(() => {});
  s = await selection(page);
  check(s.index === s.links - 1 && s.inView, `keys: j to the end, scrolled into view ${JSON.stringify(s)}`);
  // modifiers and typing are left alone
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Alt+k');
  const s2 = await selection(page);
  check(s2.index === s.index, `keys: Ctrl+k / Alt+k moved the selection to ${s2.index}`);
  await page.keyboard.press('k');
  s = await selection(page);
  await Promise.all([page.waitForURL(s.href), page.keyboard.press('o')]);
  check(page.url() === s.href, `keys: o opened ${page.url()}, wanted ${s.href}`);
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.keyboard.press('j');
  s = await selection(page);
  await Promise.all([page.waitForURL(s.href), page.keyboard.press('Enter')]);
  check(page.url() === s.href, `keys: Enter opened ${page.url()}, wanted ${s.href}`);
  // / focuses the search box, and keys typed there are text, not shortcuts
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.keyboard.press('/');
  let f = await page.evaluate(() => ({ id: document.activeElement.id, type: document.activeElement.type }));
  check(f.id === 'hq' && f.type === 'search', `keys: / focused ${JSON.stringify(f)}`);
  await page.keyboard.type('jk/?');
  f = await page.evaluate(() => ({ value: document.getElementById('hq').value,
    sel: document.querySelectorAll('.kb-sel').length, help: document.getElementById('keys').open }));
  check(f.value === 'jk/?' && f.sel === 0 && !f.help, `keys: typing in the search box ${JSON.stringify(f)}`);
  // ? opens the help (a labelled group in a <details>), ? again and Escape close it
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('?');
  let h = await page.evaluate(() => {
    const d = document.getElementById('keys');
    const panel = d.querySelector('.keys-panel');
    const r = panel.getBoundingClientRect();
    return { open: d.open, label: document.getElementById(panel.getAttribute('aria-labelledby'))?.textContent,
             focus: document.activeElement === panel ? 'panel' : document.activeElement.tagName,
             visible: r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
             text: panel.textContent };
  });
  check(h.open && h.visible && h.focus === 'panel' && h.label === 'Keyboard shortcuts',
        `keys: ? opens the help ${JSON.stringify(h)}`);
  check(/next \/ previous article/.test(h.text) && /search/.test(h.text), 'keys: the help lists the keys');
  await page.screenshot({ path: `${shotDir}/keys-help.png` });
  await page.keyboard.press('?');
  h = await page.evaluate(() => document.getElementById('keys').open);
  check(!h, 'keys: ? again closes the help');
  await page.keyboard.press('?');
  await page.keyboard.press('Escape');
  h = await page.evaluate(() => document.getElementById('keys').open);
  check(!h, 'keys: Escape closes the help');
  // on the search page, / goes to the search form's own box when it has one
  await page.goto(`${base}/search?q=china`, { waitUntil: 'load' });
  await page.keyboard.press('/');
  f = await page.evaluate(() => ({ tag: document.activeElement.tagName, type: document.activeElement.type,
    value: document.activeElement.value }));
  check(f.tag === 'INPUT' && f.type === 'search' && f.value === 'china', `keys: / on search ${JSON.stringify(f)}`);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('j');
  s = await selection(page);
  check(s.index === 0 && s.highlighted, `keys: j on the search results ${JSON.stringify(s)}`);
  const csp = await page.evaluate(() => window.__csp);
  check(csp.length === 0, `keys: CSP violations ${JSON.stringify(csp)}`);
  check(errors.length === 0, `keys: console/page errors ${JSON.stringify(errors)}`);
  await ctx.close();

  // Without script: the page is the server's (times in its text, the help hidden) and the
  // keys do nothing; links work.
  const off = await watchedPage({ javaScriptEnabled: false, timezoneId: 'America/New_York' });
  const raw = await (await fetch(`${base}/`)).text();
  await off.page.goto(`${base}/`, { waitUntil: 'load' });
  const n = await off.page.evaluate(() => ({
    help: !!document.querySelector('#keys') && document.querySelector('#keys').hidden,
    helpShown: document.querySelector('#keys')?.getBoundingClientRect().height || 0,
    times: [...document.querySelectorAll('time')].map((t) =>
      `datetime="${t.getAttribute('datetime')}"${t.hasAttribute('title') ? ` title="${t.title}"` : ''}` +
      `${t.hasAttribute('data-rel') ? ' data-rel' : ''}>${t.textContent}</time>`),
  }));
  check(n.help && n.helpShown === 0, `no script: the help stays hidden ${JSON.stringify(n)}`);
  const changed = n.times.filter((t) => !raw.includes(t));
  check(n.times.length > 0 && changed.length === 0,
        `no script: <time> elements not as the server wrote them ${JSON.stringify(changed)}`);
  await off.page.keyboard.press('j');
  const ns = await off.page.evaluate(() => document.querySelectorAll('.kb-sel').length);
  check(ns === 0, 'no script: j does nothing');
  const first = await off.page.$eval('main .title a[href]', (a) => a.href);
  await Promise.all([off.page.waitForURL(first), off.page.click('main .title a[href]')]);
  check(off.page.url() === first, 'no script: an article link opens');
  check(off.errors.length === 0, `no script: console/page errors ${JSON.stringify(off.errors)}`);
  await off.ctx.close();
}

// "4 Dec 2026, 05:05 EST" for instant iso in zone, computed here independently of herald.js
// (en-US names the American zones, en-GB the European ones).
function expectedLocal(iso, zone) {
  const d = new Date(iso);
  const p = {};
  for (const x of new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'short',
    day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)) {
    p[x.type] = x.value;
  }
  const locale = zone.startsWith('America/') ? 'en-US' : 'en-GB';
  const abbr = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(d).find((x) => x.type === 'timeZoneName').value;
  return `${Number(p.day)} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${abbr}`;
}

// Every <time> in the browser's zone: the text of absolute ones, the title of relative ones.
async function timesFlow() {
  for (const [zone, abbr] of [['America/New_York', /^E[SD]T$/], ['Europe/Berlin', /^CES?T$/]]) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).format(0);
    } catch (e) {
      skip(`times in ${zone}`, `this node has no time zone data (${e.message})`);
      continue;
    }
    const { ctx, page, errors } = await watchedPage({ timezoneId: zone });
    let rel = 0, abs = 0;
    for (const path of ['/', `/article/${info.ARTICLE}`, `/source/${info.SOURCE}`, '/about']) {
      const raw = await (await fetch(base + path)).text();
      await page.goto(base + path, { waitUntil: 'load' });
      const times = await page.evaluate(() => [...document.querySelectorAll('time')].map((t) => ({
        iso: t.getAttribute('datetime'), rel: t.hasAttribute('data-rel'), text: t.textContent,
        title: t.getAttribute('title'),
      })));
      check(times.length > 0, `times ${zone} ${path}: no <time>`);
      for (const t of times) {
        const want = expectedLocal(t.iso, zone);
        const got = t.rel ? t.title : t.text;
        check(got === want, `times ${zone} ${path}: ${t.iso} shown as "${got}", wanted "${want}"`);
        check(abbr.test(want.split(' ').pop()), `times ${zone}: abbreviation of ${want}`);
        if (t.rel) {
          rel++;
          check(/ago|just now|yesterday/.test(t.text), `times ${zone} ${path}: relative text "${t.text}" kept`);
        } else {
          abs++;
        }
        // the server wrote the instant in its own zone (UTC here) and the same for everyone
        check(raw.includes(`datetime="${t.iso}"`) && !raw.includes(`>${want}</time>`),
              `times ${zone} ${path}: the server's HTML already had "${want}"`);
      }
    }
    // the fixture has articles of 7 hours and of 3 days ago: both kinds must have been seen
    check(rel > 0, `times ${zone}: no relative time seen`);
    check(abs > 0, `times ${zone}: no absolute time seen`);
    const csp = await page.evaluate(() => window.__csp);
    check(csp.length === 0, `times ${zone}: CSP violations ${JSON.stringify(csp)}`);
    check(errors.length === 0, `times ${zone}: console/page errors ${JSON.stringify(errors)}`);
    await ctx.close();
  }
}

try {
  for (const [name, path] of pages) {
    for (const [vpName, vp] of viewports) {
      await visit(name, path, vpName, vp, 'light');
    }
  }
  await visit('article', `/article/${info.ARTICLE}`, 'desktop', viewports[0][1], 'dark');
  await visit('home', '/', 'phone', viewports[1][1], 'dark');
  await readerFlow();
  check(offsite.length === 0, `pages requested other hosts: ${JSON.stringify(offsite)}`);
  await feedsFlow();
  await navFlow();
  await keysFlow();
  await timesFlow();
} catch (e) {
  failed++;
  console.log(`FAIL exception: ${e.stack || e}`);
} finally {
  await stopAll(browser, server);
}
console.log(`screenshots in ${shotDir}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
