#!/usr/bin/env python3
"""Draws the demo's lead images: small illustrative PNGs, standard library only.

Each picture is a simple composition (sky and horizon, a bridge, a stadium, a
factory, a chart, ...) chosen by the article's image kind and varied by a seed
taken from its slug, so that every article gets its own picture and the output
is identical on every run. PNG is written by hand with zlib and struct.

Used by build-demo.py (render()); run alone it writes a contact sheet of every
kind to /tmp/demo-kinds/ for a quick look.
"""

import math
import random
import struct
import zlib


class Canvas:
    def __init__(self, w, h, bg=(200, 200, 200)):
        self.w, self.h = w, h
        self.px = bytearray(bytes(bg) * (w * h))

    def put(self, x, y, c):
        if 0 <= x < self.w and 0 <= y < self.h:
            i = (y * self.w + x) * 3
            self.px[i:i + 3] = bytes(c)

    def hline(self, x0, x1, y, c):
        if y < 0 or y >= self.h:
            return
        x0, x1 = max(0, int(x0)), min(self.w - 1, int(x1))
        if x1 < x0:
            return
        i = (y * self.w + x0) * 3
        self.px[i:i + 3 * (x1 - x0 + 1)] = bytes(c) * (x1 - x0 + 1)

    def rect(self, x0, y0, x1, y1, c):
        for y in range(max(0, int(y0)), min(self.h, int(y1) + 1)):
            self.hline(x0, x1, y, c)

    def vgrad(self, y0, y1, c0, c1):
        y0, y1 = int(y0), int(y1)
        for y in range(max(0, y0), min(self.h, y1 + 1)):
            t = (y - y0) / max(1, y1 - y0)
            self.hline(0, self.w - 1, y, mix(c0, c1, t))

    def circle(self, cx, cy, r, c):
        for y in range(int(cy - r), int(cy + r) + 1):
            d = r * r - (y - cy) ** 2
            if d >= 0:
                s = math.sqrt(d)
                self.hline(cx - s, cx + s, y, c)

    def poly(self, pts, c):
        ys = [p[1] for p in pts]
        for y in range(max(0, int(min(ys))), min(self.h, int(max(ys)) + 1)):
            xs = []
            n = len(pts)
            for i in range(n):
                (xa, ya), (xb, yb) = pts[i], pts[(i + 1) % n]
                if (ya <= y < yb) or (yb <= y < ya):
                    xs.append(xa + (y - ya) * (xb - xa) / (yb - ya))
            xs.sort()
            for j in range(0, len(xs) - 1, 2):
                self.hline(xs[j], xs[j + 1], y, c)

    def line(self, x0, y0, x1, y1, c, t=1):
        n = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        for i in range(n + 1):
            x = x0 + (x1 - x0) * i / n
            y = y0 + (y1 - y0) * i / n
            if t <= 1:
                self.put(int(x), int(y), c)
            else:
                self.rect(x - t / 2, y - t / 2, x + t / 2, y + t / 2, c)

    def grain(self, rnd, amount):
        """Light film grain: makes the files photo-like in size (a few KB)."""
        px = self.px
        for _ in range(len(px) // 3 // 90):
            i = rnd.randrange(len(px) // 3) * 3
            d = rnd.randint(-amount, amount)
            for k in range(3):
                px[i + k] = max(0, min(255, px[i + k] + d))

    def png(self):
        raw = bytearray()
        row = self.w * 3
        for y in range(self.h):
            raw.append(0)
            raw += self.px[y * row:(y + 1) * row]

        def chunk(tag, data):
            body = tag + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        return (b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
                + chunk(b"IEND", b""))


def mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def jitter(rnd, c, d=25):
    return tuple(max(0, min(255, v + rnd.randint(-d, d))) for v in c)


SKIES = [((112, 160, 214), (220, 232, 240)), ((60, 72, 96), (150, 160, 170)),
         ((250, 170, 110), (255, 226, 170)), ((30, 40, 80), (120, 110, 160)),
         ((160, 190, 210), (235, 235, 225))]


def sky(cv, rnd, horizon, stormy=False):
    top, bottom = SKIES[1] if stormy else rnd.choice(SKIES)
    cv.vgrad(0, horizon, jitter(rnd, top, 12), jitter(rnd, bottom, 12))


def sea(cv, rnd, horizon, rough=False):
    cv.vgrad(horizon, cv.h, jitter(rnd, (40, 90, 120)), (15, 40, 60))
    amp = 4 if rough else 2
    for k in range(8 if rough else 5):
        y0 = horizon + 8 + k * (cv.h - horizon) / 8
        ph = rnd.random() * 6
        for x in range(cv.w):
            y = y0 + amp * math.sin(x / (9 + k) + ph)
            cv.put(x, int(y), (200, 220, 230))


def clouds(cv, rnd, n, color=(240, 240, 245), ymax=None):
    ymax = ymax or cv.h // 3
    for _ in range(n):
        x, y = rnd.randrange(cv.w), rnd.randrange(5, ymax)
        for _ in range(4):
            cv.circle(x + rnd.randint(-22, 22), y + rnd.randint(-5, 5), rnd.randint(8, 16), color)


def k_storm(cv, rnd):
    hz = int(cv.h * 0.55)
    sky(cv, rnd, hz, stormy=True)
    clouds(cv, rnd, 6, (90, 95, 105))
    sea(cv, rnd, hz, rough=True)
    x = rnd.randint(cv.w // 2, cv.w - 40)
    cv.poly([(x, hz - 60), (x + 14, hz - 60), (x + 18, hz + 4), (x - 4, hz + 4)], (235, 235, 235))
    cv.rect(x - 2, hz - 70, x + 16, hz - 60, (200, 60, 50))
    cv.poly([(x + 16, hz - 66), (cv.w, hz - 90), (cv.w, hz - 50)], (250, 240, 170))
    for _ in range(90):
        a, b = rnd.randrange(cv.w), rnd.randrange(cv.h)
        cv.line(a, b, a - 6, b + 12, (170, 180, 190))


def k_sea(cv, rnd):
    hz = int(cv.h * rnd.uniform(0.45, 0.6))
    sky(cv, rnd, hz)
    clouds(cv, rnd, 3)
    sea(cv, rnd, hz)
    cv.circle(rnd.randint(30, cv.w - 30), hz - rnd.randint(20, 50), 14, (255, 240, 200))
    cv.poly([(0, hz), (cv.w * 0.3, hz - 30), (cv.w * 0.5, hz)], jitter(rnd, (70, 90, 70)))


def k_boat(cv, rnd):
    k_sea(cv, rnd)
    hz = int(cv.h * 0.6)
    x = rnd.randint(60, cv.w - 120)
    col = rnd.choice([(180, 40, 40), (30, 80, 160), (230, 200, 60), (240, 240, 240)])
    cv.poly([(x, hz + 10), (x + 100, hz + 10), (x + 85, hz + 30), (x + 12, hz + 30)], col)
    cv.rect(x + 30, hz - 10, x + 60, hz + 10, (235, 235, 230))
    cv.line(x + 45, hz - 60, x + 45, hz - 10, (60, 60, 60), 2)


def k_ship(cv, rnd):
    k_sea(cv, rnd)
    hz = int(cv.h * 0.6)
    x = rnd.randint(20, cv.w - 220)
    cv.poly([(x, hz - 5), (x + 200, hz - 5), (x + 185, hz + 22), (x + 10, hz + 22)], (60, 60, 70))
    for i in range(9):
        cv.rect(x + 20 + i * 18, hz - 25, x + 35 + i * 18, hz - 6,
                rnd.choice([(200, 60, 40), (40, 110, 170), (220, 180, 40), (60, 140, 80)]))
    cv.rect(x + 165, hz - 45, x + 190, hz - 6, (230, 230, 230))


def k_bridge(cv, rnd):
    hz = int(cv.h * 0.62)
    sky(cv, rnd, hz)
    clouds(cv, rnd, 2)
    sea(cv, rnd, hz)
    deck = hz - 15
    col = rnd.choice([(170, 60, 40), (80, 90, 100), (40, 70, 110)])
    cv.rect(0, deck, cv.w, deck + 6, (50, 50, 55))
    for px_ in (cv.w * 0.25, cv.w * 0.75):
        cv.rect(px_ - 5, deck - 70, px_ + 5, cv.h, col)
    for x in range(cv.w):
        t = (x - cv.w * 0.25) / (cv.w * 0.5)
        y = deck - 70 + 58 * (4 * (t - 0.5) ** 2) if 0 <= t <= 1 else deck - 70 + 40 * min(1, (abs(t - 0.5) - 0.5) * 3)
        cv.rect(x, y, x, y + 1, col)
        if x % 12 == 0:
            cv.line(x, y, x, deck, (120, 120, 120))


def k_stadium(cv, rnd):
    cv.vgrad(0, cv.h // 3, (20, 30, 60), (60, 70, 110))
    for k in range(5):
        cv.rect(0, cv.h // 3 + k * 10, cv.w, cv.h // 3 + k * 10 + 9, jitter(rnd, (90, 90, 100), 10))
        for _ in range(60):
            cv.put(rnd.randrange(cv.w), cv.h // 3 + k * 10 + rnd.randrange(9),
                   rnd.choice([(200, 30, 40), (240, 240, 240), (30, 60, 160), (250, 200, 0)]))
    top = cv.h // 3 + 50
    for k in range(8):
        cv.rect(0, top + k * (cv.h - top) // 8, cv.w, top + (k + 1) * (cv.h - top) // 8,
                (50, 140, 60) if k % 2 else (60, 155, 70))
    cv.line(0, top + 2, cv.w, top + 2, (240, 240, 240))
    cv.circle(rnd.randint(60, cv.w - 60), rnd.randint(top + 20, cv.h - 20), 5, (250, 250, 250))
    for x in (20, cv.w - 20):
        cv.rect(x - 1, 5, x + 1, cv.h // 3, (180, 180, 180))
        cv.rect(x - 10, 2, x + 10, 10, (255, 250, 210))


def k_court(cv, rnd):
    cv.vgrad(0, cv.h, (200, 150, 90), (170, 110, 60))
    for y in range(0, cv.h, 7):
        cv.line(0, y, cv.w, y, (180, 130, 75))
    cv.circle(cv.w // 2, cv.h // 2, 40, (220, 230, 240))
    cv.circle(cv.w // 2, cv.h // 2, 37, (200, 150, 90))
    cv.rect(cv.w - 40, 30, cv.w - 36, cv.h - 30, (60, 60, 60))
    cv.rect(cv.w - 70, 40, cv.w - 40, 60, (240, 240, 240))
    cv.circle(rnd.randint(80, cv.w - 120), rnd.randint(40, cv.h - 40), 12, (230, 110, 30))


def k_buildings(cv, rnd, base, n, windows=True):
    x = 0
    while x < cv.w:
        bw, bh = rnd.randint(25, 60), rnd.randint(40, int(base * 0.85))
        col = jitter(rnd, (110, 110, 125), 30)
        cv.rect(x, base - bh, x + bw, base, col)
        if windows:
            for wy in range(base - bh + 6, base - 6, 10):
                for wx in range(x + 5, x + bw - 5, 9):
                    if rnd.random() < 0.7:
                        cv.rect(wx, wy, wx + 4, wy + 5, (250, 230, 150) if rnd.random() < 0.4 else (70, 80, 100))
        x += bw + rnd.randint(0, 6)


def k_city(cv, rnd):
    base = int(cv.h * 0.8)
    sky(cv, rnd, base)
    k_buildings(cv, rnd, base, 10)
    cv.rect(0, base, cv.w, cv.h, (60, 60, 65))
    for x in range(0, cv.w, 30):
        cv.rect(x, base + 14, x + 15, base + 16, (230, 230, 230))


def k_council(cv, rnd):
    base = int(cv.h * 0.85)
    sky(cv, rnd, base)
    stone = jitter(rnd, (215, 205, 185), 10)
    x0, x1 = cv.w * 0.15, cv.w * 0.85
    cv.poly([(x0 - 10, base - 110), (cv.w / 2, base - 150), (x1 + 10, base - 110)], stone)
    cv.rect(x0 - 10, base - 112, x1 + 10, base - 100, mix(stone, (0, 0, 0), 0.1))
    n = 8
    for i in range(n):
        cx = x0 + (x1 - x0) * (i + 0.5) / n
        cv.rect(cx - 6, base - 100, cx + 6, base - 12, (235, 230, 215))
    for k in range(3):
        cv.rect(x0 - 20 - k * 8, base - 12 + k * 4, x1 + 20 + k * 8, base - 8 + k * 4, mix(stone, (0, 0, 0), 0.15))
    cv.rect(0, base + 4, cv.w, cv.h, (90, 110, 80))
    cv.rect(cv.w / 2 - 1, base - 175, cv.w / 2 + 1, base - 150, (60, 60, 60))
    cv.rect(cv.w / 2 + 1, base - 175, cv.w / 2 + 22, base - 164, rnd.choice([(30, 90, 160), (200, 40, 40), (30, 130, 90)]))


def k_factory(cv, rnd):
    base = int(cv.h * 0.82)
    sky(cv, rnd, base, stormy=rnd.random() < 0.5)
    wall = jitter(rnd, (140, 80, 60), 20)
    cv.rect(cv.w * 0.1, base - 60, cv.w * 0.9, base, wall)
    for i in range(6):
        x = cv.w * 0.1 + i * cv.w * 0.8 / 6
        cv.poly([(x, base - 60), (x + cv.w * 0.8 / 6, base - 60), (x + cv.w * 0.8 / 6, base - 80)], mix(wall, (0, 0, 0), 0.2))
    for cx in (cv.w * 0.25, cv.w * 0.4):
        cv.rect(cx, base - 140, cx + 14, base - 60, (90, 60, 50))
        for k in range(5):
            g = 180 + k * 12
            cv.circle(cx + 7 + k * 12, base - 150 - k * 10, 8 + k * 2, (g, g, g))
    cv.rect(0, base, cv.w, cv.h, (80, 80, 80))
    cv.rect(cv.w * 0.6, base - 40, cv.w * 0.75, base, (60, 60, 60))


def k_chart(cv, rnd):
    cv.vgrad(0, cv.h, (248, 248, 244), (232, 236, 240))
    for y in range(20, cv.h - 20, 25):
        cv.line(30, y, cv.w - 10, y, (210, 210, 215))
    n = rnd.randint(6, 12)
    bw = (cv.w - 60) / n
    v = rnd.uniform(0.3, 0.6)
    col = rnd.choice([(30, 100, 170), (20, 140, 110), (190, 70, 50)])
    pts = []
    for i in range(n):
        v = max(0.1, min(0.95, v + rnd.uniform(-0.15, 0.17)))
        x = 40 + i * bw
        cv.rect(x, cv.h - 20 - v * (cv.h - 50), x + bw * 0.6, cv.h - 20, col)
        pts.append((x + bw * 0.3, cv.h - 30 - v * (cv.h - 50)))
    for a, b in zip(pts, pts[1:]):
        cv.line(a[0], a[1], b[0], b[1], (240, 140, 30), 3)
    cv.line(30, cv.h - 20, cv.w - 10, cv.h - 20, (60, 60, 60), 2)
    cv.line(30, 10, 30, cv.h - 20, (60, 60, 60), 2)


def k_space(cv, rnd):
    cv.vgrad(0, cv.h, (5, 5, 20), (20, 15, 40))
    for _ in range(160):
        g = rnd.randint(120, 255)
        cv.put(rnd.randrange(cv.w), rnd.randrange(cv.h), (g, g, g))
    cx, cy, r = rnd.randint(cv.w // 3, 2 * cv.w // 3), rnd.randint(cv.h // 3, 2 * cv.h // 3), rnd.randint(35, 60)
    pts = [(cx + r * (0.8 + 0.3 * rnd.random()) * math.cos(a), cy + r * 0.7 * (0.8 + 0.3 * rnd.random()) * math.sin(a))
           for a in [i * math.pi / 9 for i in range(18)]]
    cv.poly(pts, (120, 105, 90))
    for _ in range(7):
        cv.circle(cx + rnd.randint(-r // 2, r // 2), cy + rnd.randint(-r // 3, r // 3), rnd.randint(3, 8), (90, 80, 70))
    px_, py_ = rnd.randint(20, 80), rnd.randint(20, 60)
    cv.rect(px_, py_, px_ + 14, py_ + 10, (210, 180, 80))
    cv.rect(px_ - 22, py_ + 3, px_ - 2, py_ + 7, (60, 90, 170))
    cv.rect(px_ + 16, py_ + 3, px_ + 36, py_ + 7, (60, 90, 170))


def k_map(cv, rnd):
    cv.vgrad(0, cv.h, (150, 190, 220), (120, 170, 210))
    for _ in range(4):
        cx, cy, r = rnd.randrange(cv.w), rnd.randrange(cv.h), rnd.randint(20, 50)
        pts = [(cx + r * (0.6 + 0.6 * rnd.random()) * math.cos(a), cy + r * (0.6 + 0.6 * rnd.random()) * math.sin(a))
               for a in [i * math.pi / 8 for i in range(16)]]
        cv.poly(pts, jitter(rnd, (200, 190, 150), 15))
    ex, ey = rnd.randint(cv.w // 3, 2 * cv.w // 3), rnd.randint(cv.h // 3, 2 * cv.h // 3)
    for rr in (60, 45, 30, 15):
        for a in range(0, 360, 2):
            cv.put(int(ex + rr * math.cos(math.radians(a))), int(ey + rr * math.sin(math.radians(a))), (200, 40, 40))
    cv.circle(ex, ey, 5, (200, 30, 30))


def k_rail(cv, rnd):
    hz = int(cv.h * 0.45)
    sky(cv, rnd, hz)
    cv.rect(0, hz, cv.w, cv.h, jitter(rnd, (110, 100, 90), 10))
    vx = rnd.randint(cv.w // 3, 2 * cv.w // 3)
    for off in (-90, -40, 40, 90):
        cv.line(vx, hz, vx + off * 4, cv.h, (70, 70, 75), 3)
    for k in range(1, 12):
        y = hz + (cv.h - hz) * (k / 12) ** 1.6
        s = (y - hz) / (cv.h - hz)
        cv.line(vx - 380 * s, y, vx + 380 * s, y, (90, 70, 50), 2)
    col = rnd.choice([(200, 40, 40), (40, 90, 170), (230, 180, 30)])
    cv.rect(vx - 20, hz - 40, vx + 20, hz + 2, col)
    cv.rect(vx - 14, hz - 32, vx + 14, hz - 20, (180, 210, 230))


def k_farm(cv, rnd):
    hz = int(cv.h * 0.5)
    sky(cv, rnd, hz)
    cv.circle(rnd.randint(30, cv.w - 30), rnd.randint(15, 40), 15, (255, 230, 120))
    cv.poly([(0, hz), (cv.w * 0.4, hz - 35), (cv.w * 0.8, hz), (cv.w, hz - 10), (cv.w, cv.h), (0, cv.h)], (110, 150, 80))
    cv.rect(0, hz + 5, cv.w, cv.h, (95, 140, 70))
    for row in range(4):
        y = hz + 20 + row * 28
        for x in range(10 + row * 7, cv.w, 46):
            cv.rect(x + 8, y, x + 11, y + 14, (90, 60, 40))
            cv.circle(x + 10, y - 4, 11, (50, 110, 50))
            for _ in range(3):
                cv.circle(x + 10 + rnd.randint(-7, 7), y - 4 + rnd.randint(-6, 6), 2, (200, 40, 40))


def k_hospital(cv, rnd):
    base = int(cv.h * 0.85)
    sky(cv, rnd, base)
    cv.rect(cv.w * 0.2, base - 120, cv.w * 0.8, base, (235, 235, 238))
    for wy in range(base - 110, base - 20, 18):
        for wx in range(int(cv.w * 0.22), int(cv.w * 0.78), 20):
            cv.rect(wx, wy, wx + 12, wy + 10, (150, 190, 220))
    cx = cv.w / 2
    cv.rect(cx - 18, base - 150, cx + 18, base - 126, (250, 250, 250))
    cv.rect(cx - 4, base - 146, cx + 4, base - 130, (210, 30, 40))
    cv.rect(cx - 12, base - 142, cx + 12, base - 134, (210, 30, 40))
    cv.rect(0, base, cv.w, cv.h, (120, 120, 120))


def k_tech(cv, rnd):
    cv.vgrad(0, cv.h, jitter(rnd, (20, 80, 50), 15), (10, 40, 30))
    gold = (210, 180, 90)
    for _ in range(30):
        x, y = rnd.randrange(cv.w), rnd.randrange(cv.h)
        for _ in range(3):
            if rnd.random() < 0.5:
                nx = x + rnd.randint(-80, 80)
                cv.line(x, y, nx, y, gold)
                x = nx
            else:
                ny = y + rnd.randint(-50, 50)
                cv.line(x, y, x, ny, gold)
                y = ny
        cv.circle(x, y, 2, gold)
    for _ in range(3):
        x, y = rnd.randint(20, cv.w - 80), rnd.randint(20, cv.h - 60)
        cv.rect(x, y, x + 56, y + 40, (30, 30, 35))
        for k in range(0, 56, 7):
            cv.rect(x + k + 2, y - 4, x + k + 4, y, (200, 200, 200))
            cv.rect(x + k + 2, y + 40, x + k + 4, y + 44, (200, 200, 200))


def k_portrait(cv, rnd):
    cv.vgrad(0, cv.h, jitter(rnd, (160, 170, 190), 40), jitter(rnd, (90, 100, 120), 30))
    cx = rnd.randint(cv.w // 3, 2 * cv.w // 3)
    skin = rnd.choice([(230, 190, 160), (190, 140, 100), (120, 80, 55), (240, 210, 190)])
    coat = jitter(rnd, (60, 60, 80), 40)
    cv.poly([(cx - 80, cv.h), (cx - 60, cv.h - 60), (cx + 60, cv.h - 60), (cx + 80, cv.h)], coat)
    cv.rect(cx - 10, cv.h - 75, cx + 10, cv.h - 55, skin)
    cv.circle(cx, cv.h - 100, 30, skin)
    cv.circle(cx, cv.h - 118, 24, rnd.choice([(40, 30, 20), (90, 60, 30), (200, 200, 200), (180, 120, 40)]))
    cv.circle(cx, cv.h - 98, 27, skin)


def k_crowd(cv, rnd):
    k_city(cv, rnd)
    for _ in range(140):
        x, y = rnd.randrange(cv.w), rnd.randint(int(cv.h * 0.6), cv.h)
        cv.rect(x - 5, y, x + 5, y + 20, jitter(rnd, (90, 90, 120), 70))
        cv.circle(x, y - 5, 5, rnd.choice([(230, 190, 160), (190, 140, 100), (120, 80, 55)]))


def k_water(cv, rnd):
    cv.vgrad(0, cv.h, (200, 225, 240), (120, 170, 210))
    for _ in range(25):
        x, y, r = rnd.randrange(cv.w), rnd.randrange(cv.h), rnd.randint(4, 12)
        cv.circle(x, y, r, (70, 130, 200))
        cv.poly([(x - r * 0.9, y - r * 0.3), (x, y - r * 2.2), (x + r * 0.9, y - r * 0.3)], (70, 130, 200))
        cv.circle(x - r // 3, y - r // 3, max(1, r // 4), (220, 235, 250))
    cv.rect(20, 20, 130, 36, (170, 170, 180))
    cv.rect(110, 20, 126, 70, (170, 170, 180))


def k_books(cv, rnd):
    cv.vgrad(0, cv.h, (120, 85, 60), (90, 60, 40))
    for shelf in range(3):
        y1 = (shelf + 1) * cv.h // 3 - 6
        cv.rect(0, y1, cv.w, y1 + 6, (70, 45, 30))
        x = 4
        while x < cv.w - 10:
            bw = rnd.randint(8, 18)
            bh = rnd.randint(cv.h // 3 - 30, cv.h // 3 - 10)
            cv.rect(x, y1 - bh, x + bw, y1 - 1, jitter(rnd, rnd.choice([(160, 40, 40), (40, 80, 140), (50, 120, 70), (200, 170, 80), (90, 60, 120)]), 20))
            x += bw + 2


def k_birds(cv, rnd):
    hz = int(cv.h * 0.55)
    sky(cv, rnd, hz)
    cv.vgrad(hz, cv.h, (150, 160, 140), (110, 120, 100))
    for k in range(4):
        y = hz + 10 + k * 18
        cv.poly([(0, y), (cv.w * rnd.uniform(0.3, 0.7), y + 6), (cv.w, y), (cv.w, y + 8), (0, y + 8)], (170, 190, 200))
    for _ in range(rnd.randint(8, 18)):
        x, y = rnd.randrange(cv.w), rnd.randint(10, hz - 20)
        s = rnd.randint(4, 9)
        cv.line(x - s, y - s // 2, x, y, (30, 30, 30), 2)
        cv.line(x, y, x + s, y - s // 2, (30, 30, 30), 2)
    for _ in range(20):
        x = rnd.randrange(cv.w)
        cv.line(x, cv.h, x + rnd.randint(-4, 4), cv.h - rnd.randint(15, 35), (120, 110, 60), 2)


def k_bakery(cv, rnd):
    cv.vgrad(0, cv.h // 2, (240, 225, 200), (225, 205, 175))
    cv.rect(0, cv.h // 2, cv.w, cv.h, (140, 95, 60))
    for y in range(cv.h // 2 + 6, cv.h, 12):
        cv.line(0, y, cv.w, y, (125, 85, 50))
    for _ in range(rnd.randint(5, 9)):
        x, y = rnd.randint(30, cv.w - 30), rnd.randint(cv.h // 2 + 10, cv.h - 20)
        r = rnd.randint(14, 26)
        cv.circle(x, y, r, (200, 140, 70))
        cv.circle(x - 3, y - 3, r - 5, (215, 160, 90))
        for k in range(-1, 2):
            cv.line(x - r // 2, y + k * 6, x + r // 2, y + k * 6 - 4, (170, 110, 50), 2)


def k_rowing(cv, rnd):
    hz = int(cv.h * 0.4)
    sky(cv, rnd, hz)
    sea(cv, rnd, hz)
    y = rnd.randint(hz + 30, cv.h - 40)
    x = rnd.randint(20, cv.w - 230)
    cv.poly([(x, y), (x + 210, y), (x + 200, y + 6), (x + 10, y + 6)], (240, 240, 240))
    for i in range(8):
        bx = x + 20 + i * 22
        cv.circle(bx, y - 10, 4, (230, 190, 160))
        cv.rect(bx - 3, y - 6, bx + 3, y, rnd.choice([(30, 60, 150), (200, 40, 40)]))
        cv.line(bx, y - 2, bx - 14, y + 20, (90, 70, 40), 2)


def k_road(cv, rnd):
    hz = int(cv.h * 0.45)
    sky(cv, rnd, hz)
    cv.rect(0, hz, cv.w, cv.h, (90, 140, 80))
    vx = cv.w // 2 + rnd.randint(-40, 40)
    cv.poly([(vx - 4, hz), (vx + 4, hz), (cv.w * 0.9, cv.h), (cv.w * 0.1, cv.h)], (70, 70, 75))
    for k in range(6):
        y = hz + (cv.h - hz) * (k / 6) ** 1.5
        cv.rect(vx - 1 - k, y, vx + 1 + k, y + 3 + k, (240, 240, 240))
    for _ in range(rnd.randint(3, 8)):
        x, y = rnd.randint(int(cv.w * 0.2), int(cv.w * 0.8)), rnd.randint(hz + 40, cv.h - 20)
        cv.rect(x - 3, y - 14, x + 3, y, jitter(rnd, (200, 60, 60), 80))
        cv.circle(x, y - 18, 4, (220, 180, 150))


KINDS = {name[2:]: fn for name, fn in globals().items() if name.startswith("k_") and name != "k_buildings"}


def render(kind, seed, w=400, h=225):
    """Returns (png bytes, width, height) for image kind `kind` varied by `seed` (str)."""
    if kind not in KINDS:
        raise KeyError("unknown image kind %r" % kind)
    rnd = random.Random(zlib.crc32(seed.encode("utf-8")))
    cv = Canvas(w, h)
    KINDS[kind](cv, rnd)
    cv.grain(rnd, 10)
    return cv.png(), w, h


def logo(text_seed, color, w=144, h=144):
    """A plain square logo for a feed's <image>/icon: a coloured tile with bars."""
    rnd = random.Random(zlib.crc32(text_seed.encode("utf-8")))
    cv = Canvas(w, h, color)
    for i in range(3):
        cv.rect(24, 34 + i * 28, w - 24 - rnd.randint(0, 50), 48 + i * 28, (250, 250, 250))
    return cv.png(), w, h


if __name__ == "__main__":
    import os
    os.makedirs("/tmp/demo-kinds", exist_ok=True)
    for k in sorted(KINDS):
        data, _, _ = render(k, k)
        with open("/tmp/demo-kinds/%s.png" % k, "wb") as f:
            f.write(data)
        print(k, len(data))
