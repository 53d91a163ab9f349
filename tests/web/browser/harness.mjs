// harness.mjs - what herald's browser tests share: the demo server (tests/web/
// web_demo_server.c) started and its ids read, headless Chromium (Debian's chromium package,
// driven by playwright-core) launched, and requests to anything but the server refused.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

// Starts serverBin and resolves with what it printed ({ PORT, ARTICLE, HOSTILE, ... }) once
// it prints READY; the child is in .server (send it SIGTERM when done).
export function startServer(serverBin) {
  const server = spawn(serverBin, [], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const got = {};
    const rl = createInterface({ input: server.stdout });
    const timer = setTimeout(() => reject(new Error('demo server did not start')), 30000);
    rl.on('line', (line) => {
      const [k, v] = line.split(' ');
      if (k === 'READY') {
        clearTimeout(timer);
        resolve({ ...got, server, base: `http://127.0.0.1:${got.PORT}` });
      } else {
        got[k] = v;
      }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`demo server exited with ${code}`)); });
  });
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Publisher images (http://images.example/...) reach the browser only through the server's
// image proxy (/media/...): a request that leaves the server is aborted and noted in sink.
export function blockOffsite(page, base, sink) {
  return page.route((url) => !url.href.startsWith(base), (route) => {
    sink.push(route.request().url());
    return route.abort();
  });
}

export const viewports = [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]];

// Closes the browser and stops the demo server.
export async function stopAll(browser, server) {
  await browser.close();
  server.kill('SIGTERM');
}
