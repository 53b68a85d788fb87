import { chromium } from '@playwright/test';
const [w, h, path, out, projector] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: +w, height: +h } });
await p.goto('http://127.0.0.1:4180/' + path);
await p.waitForTimeout(2500);
if (projector) { await p.keyboard.press('p').catch(()=>{}); await p.waitForTimeout(500); }
await p.screenshot({ path: out });
const info = await p.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
  seq: (() => { const e = document.querySelector('.seq'); if (!e) return null; const r = e.getBoundingClientRect(); return [r.width, r.height]; })() }));
console.log(JSON.stringify(info));
await b.close();
