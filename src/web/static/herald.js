// herald.js - what the pages do when script runs; every page reads and works without it.
//
// 1. Keyboard shortcuts: j / k select the next / previous article of the page's lists
//    (every linked title in <main>: its item gets the class "kb-sel", its link the focus,
//    and it is scrolled into view), o or Enter opens the selected one, / focuses the search
//    box, ? shows or hides the help (the footer's <details id="keys">, hidden until this
//    script shows it), Escape closes it.  Keys typed into a form field, or pressed with
//    Ctrl, Alt or Meta, are left to the browser.
// 2. Times in the reader's zone: the server writes every <time datetime="...Z"> in the
//    site's configured zone (the same page for everyone, so it can be cached); here each
//    one is rewritten with the browser's zone: "4 Dec 2026, 11:05 CET" in the text, or,
//    for relative ones (data-rel: "7 hours ago" stays), in the title.
// Loaded with defer from /static/herald.js under the pages' CSP (script-src 'self'): no
// inline script, no eval, no network.
'use strict';

(function () {
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun',
                  'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // ---- times ----------------------------------------------------------------------------

  // The zone's short name at date d: "CET", "EST", "GMT"; else what the browser offers
  // ("GMT+9").  en-GB knows the European names, en-US the American ones.
  const zoneFormats = ['en-GB', 'en-US'].map((locale) =>
    new Intl.DateTimeFormat(locale, { timeZoneName: 'short' }));
  function zoneName(d) {
    let fallback = '';
    for (const f of zoneFormats) {
      const part = f.formatToParts(d).find((p) => p.type === 'timeZoneName');
      const name = part ? part.value : '';
      if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
      if (!fallback) fallback = name;
    }
    return fallback;
  }

  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric', month: 'numeric', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });

  // "4 Dec 2026, 11:05 CET", as the server writes it (web_datetime), in the browser's zone.
  function formatLocal(d) {
    const p = {};
    for (const x of parts.formatToParts(d)) p[x.type] = x.value;
    const month = MONTHS[Number(p.month) - 1];
    if (!month) return null;
    return `${Number(p.day)} ${month} ${p.year}, ${p.hour}:${p.minute} ${zoneName(d)}`.trim();
  }

  function localiseTimes() {
    for (const el of document.querySelectorAll('time[datetime]')) {
      const iso = el.getAttribute('datetime');
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(iso)) continue;
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) continue;
      const text = formatLocal(d);
      if (!text) continue;
      if (el.hasAttribute('data-rel')) el.title = text;
      else el.textContent = text;
      el.dataset.local = '1';
    }
  }

  // ---- keyboard -------------------------------------------------------------------------

  const help = document.getElementById('keys');
  let selected = -1;

  function articleLinks() {
    return [...document.querySelectorAll('main .title a[href]')]
      .filter((a) => a.offsetParent !== null);
  }

  function select(step) {
    const links = articleLinks();
    if (!links.length) return;
    const current = document.querySelector('.kb-sel');
    if (current) current.classList.remove('kb-sel');
    // continue from the link that has the focus, if the reader moved it another way
    const focused = links.indexOf(document.activeElement);
    if (focused >= 0) selected = focused;
    if (selected < 0) selected = step > 0 ? 0 : links.length - 1;
    else selected = Math.min(links.length - 1, Math.max(0, selected + step));
    const link = links[selected];
    const item = link.closest('li, article') || link;
    item.classList.add('kb-sel');
    link.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }

  function openSelected() {
    const links = articleLinks();
    if (selected < 0 || selected >= links.length) return false;
    window.location.assign(links[selected].href);
    return true;
  }

  // The help opens as a panel over the page; focus goes into it (so a screen reader reads
  // its label) without scrolling to the footer, and back where it was when it closes.
  let before = null;
  function toggleHelp(open) {
    if (!help || help.open === open) return;
    const panel = help.querySelector('.keys-panel');
    if (open) before = document.activeElement;
    help.open = open;
    if (open) {
      panel.focus({ preventScroll: true });
    } else if (before && before !== document.body && document.contains(before)) {
      before.focus({ preventScroll: true });
      before = null;
    } else if (help.contains(document.activeElement)) {
      document.activeElement.blur();
    }
  }

  function typing(el) {
    if (!el) return false;
    const tag = el.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
  }

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    if (typing(e.target)) return;
    switch (e.key) {
      case 'j':
        select(1);
        break;
      case 'k':
        select(-1);
        break;
      case 'o':
        if (!openSelected()) return;
        break;
      case 'Enter': {
        // only on the selected article (or nothing focused): elsewhere Enter keeps its
        // own meaning (a link, a button, the help's summary)
        const el = document.activeElement;
        const links = articleLinks();
        if (!(el === document.body || el === null || (selected >= 0 && el === links[selected])))
          return;
        if (!openSelected()) return;
        break;
      }
      case '/': {
        const box = document.querySelector('main input[type=search]') ||
                    document.getElementById('hq');
        if (!box) return;
        box.focus();
        box.select();
        break;
      }
      case '?':
        toggleHelp(!(help && help.open));
        break;
      case 'Escape':
        if (!help || !help.open) return;
        toggleHelp(false);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  if (help) help.hidden = false;
  document.addEventListener('keydown', onKey);
  localiseTimes();
})();
