// harness.mjs - what herald's browser tests share: the demo server (tests/web/
// web_demo_server.c) started and its ids read, headless Chromium (Debian's chromium package,
// driven by playwright-core) launched, and the publisher images the fixture points at
// (https://images.example/) answered locally with generated SVGs.
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

// Publisher images live on https hosts the test cannot reach: answer them locally.
export function fakeImage(url) {
  const hue = [...url].reduce((a, c) => a + c.charCodeAt(0), 0) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">` +
    `<rect width="1200" height="800" fill="hsl(${hue},45%,55%)"/>` +
    `<circle cx="600" cy="400" r="180" fill="hsl(${(hue + 60) % 360},50%,75%)"/></svg>`;
}

export function routeImages(page) {
  return page.route('https://images.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: fakeImage(route.request().url()) }));
}

export const viewports = [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]];
