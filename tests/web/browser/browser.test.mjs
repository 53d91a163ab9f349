// browser.test.mjs - herald's pages in headless Chromium (Debian's chromium package, driven
// by playwright-core): home, an article (light and dark), a hostile article, search, a
// source and about, each at desktop (1280) and phone (390) width.  Checks: the page loads
// with 200, the stylesheet applies, nothing overflows horizontally, the skip link gets a
// visible focus, the Content-Security-Policy reports no violation, the console has no
// error, no request fails; and saves a screenshot of each under SCREENSHOT_DIR.  Then a
// reader signs up, comments and replies (readerFlow).  Last, feedsFlow follows each page's
// feed autodiscovery links (<link rel=alternate>) and parses every feed it gets back with
// herald's own parser (`herald parse-feed -`, HERALD_BIN); navFlow uses the language filter
// and Older / Newer with script off.
// Usage: node browser.test.mjs DEMO_SERVER_BINARY SCREENSHOT_DIR
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { blockOffsite, launchBrowser, startServer, stopAll, viewports } from './harness.mjs';

const [serverBin, shotDir] = process.argv.slice(2);
mkdirSync(shotDir, { recursive: true });

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; } else { failed++; console.log(`FAIL ${what}`); }
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
  const ctx = await browser.newContext({ viewport, colorScheme: scheme });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
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
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await blockOffsite(page, base, offsite);
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
  const ctx = await browser.newContext({ viewport: viewports[0][1] });
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
        console.log('SKIP herald parse-feed: HERALD_BIN is not set');
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
} catch (e) {
  failed++;
  console.log(`FAIL exception: ${e.stack || e}`);
} finally {
  await stopAll(browser, server);
}
console.log(`screenshots in ${shotDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
