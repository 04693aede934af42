// browser_test.mjs - the web page in a real browser: Debian's chromium,
// driven headless by playwright-core, against `storyfold serve` on a store
// built from examples/ plus one hostile article.
// usage: node browser_test.mjs STORYFOLD SOURCE_DIR OUT_DIR
// Prints "ok - ..." / "not ok - ..." lines; exits 1 on any failure. Writes
// OUT_DIR/story.png (the Raqqa story page) and OUT_DIR/article.png.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, src, out] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'sf-web-'));
const db = join(tmp, 'store.db');
let failed = 0, passed = 0;
const ok = (cond, what, extra) => {
  if (cond) { passed++; console.log('ok - ' + what); } else { failed++; console.log('not ok - ' + what + (extra ? ': ' + extra : '')); }
};

const HOSTILE_TITLE = '<script>alert(1)</script>';
const HOSTILE_TEXT = 'Harbour officials in Kellby said "><img src=x onerror=alert(1)> was painted on the gate of the old customs house on Friday. ' +
  'The customs house has been closed since the storm, a spokeswoman for the harbour board said.';
writeFileSync(join(tmp, 'hostile.jsonl'), JSON.stringify({
  id: 'hostile-1', title: HOSTILE_TITLE, text: HOSTILE_TEXT, source: '<b>Bold</b> Outlet',
  url: 'javascript:alert(1)', published: '2026-03-21T10:00:00Z' }) + '\n');
// Two reports of one ferry closure that quote the same words: one quote row.
const FERRY_QUOTE = 'We will reopen the ferry as soon as the storm has passed,';
writeFileSync(join(tmp, 'ferry.jsonl'), [
  { id: 'ferry-1', title: 'Storm stops the Dunmore ferry', published: '2026-03-22T08:00:00Z', source: 'Coast Courier',
    text: 'The storm stopped the Dunmore ferry on Sunday and 300 passengers were stranded at the Dunmore pier. "' +
      FERRY_QUOTE + '" harbour master Ines Kovac said on Sunday. Buses took the stranded passengers to Kellby.' },
  { id: 'ferry-2', title: 'Dunmore ferry halted by storm', published: '2026-03-22T09:30:00Z', source: 'Bay Herald',
    text: 'About 300 passengers were stranded at the Dunmore pier on Sunday after the storm stopped the Dunmore ferry. "' +
      FERRY_QUOTE + '" harbour master Ines Kovac said. The ferry company sent buses to take them to Kellby. ' +
      'Ines Kovac said the pier would stay closed until the harbour engineers had inspected it.' },
].map((x) => JSON.stringify(x)).join('\n') + '\n');
execFileSync(bin, ['ingest', '--quiet', '--db', db, join(src, 'examples'), join(tmp, 'hostile.jsonl'), join(tmp, 'ferry.jsonl')],
  { stdio: 'inherit' });

const portFile = join(tmp, 'port');
const server = spawn(bin, ['serve', '--quiet', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile], { stdio: ['ignore', 'inherit', 'inherit'] });
let browser = null;
const cleanup = async () => {
  if (browser) await browser.close().catch(() => {});
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
};

try {
  for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
  const port = readFileSync(portFile, 'utf8').trim();
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

  // The list of stories.
  const resp = await page.goto(base + '/');
  ok(/script-src 'self'/.test(resp.headers()['content-security-policy'] || ''), 'the page is served with a Content-Security-Policy');
  await page.waitForSelector('a.story-link', { timeout: 10000 });
  const headlines = await page.$$eval('a.story-link', (as) => as.map((a) => a.textContent));
  ok(headlines.length >= 5, 'the list shows the stories', headlines.length + ' links');
  const raqqa = headlines.findIndex((h) => /Raqq?a/.test(h));
  ok(raqqa >= 0, 'the Raqqa story is listed', JSON.stringify(headlines));

  // Keyboard: j moves to the first story, Enter opens it.
  await page.keyboard.press('j');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
  ok(focused === 'story-link', 'j puts the keyboard focus on a story', focused);

  // The Raqqa story.
  await page.click(`a.story-link >> nth=${raqqa}`);
  await page.waitForSelector('#summary li', { timeout: 10000 });
  const summary = await page.$$eval('#summary li', (ls) => ls.map((l) => l.textContent));
  ok(summary.length >= 1 && summary.some((s) => /Raqq?a|wall|Old City/.test(s)), 'the summary is shown', summary[0]);
  const sources = await page.$$eval('#sources li', (ls) => ls.map((l) => l.textContent));
  ok(sources.length === 2, 'both sources are listed', sources.length + ': ' + sources.join(' | '));
  const facts = await page.$$eval('#facts tbody tr', (rs) => rs.map((r) => r.textContent));
  const wall = facts.find((f) => /2[.,]5/.test(f) && /agree/.test(f));
  ok(!!wall, 'the wall length is a fact on which the sources agree', wall || facts.slice(0, 4).join(' | '));
  ok(!!wall && /= 2\.5 km/.test(wall) && !/2500 m/.test(wall), 'a fact reads in a reader\'s units, not base units', wall || '');
  const folded = await page.$eval('#facts-once', (d) => d.textContent).catch(() => '');
  ok(/dates?, each from one report/.test(folded) && !facts.some((f) => /single source/.test(f) && /\/ date/.test(f)),
    'dates from one report are folded under the facts table', folded.slice(0, 80));
  const names = await page.$$eval('#entities tbody tr', (rs) => rs.map((r) => r.textContent));
  ok(names.some((n) => /Islamic State/.test(n) && /Daesh/.test(n)), 'the names table merges Islamic State and Daesh', names.slice(0, 3).join(' | '));
  const raqqaRow = names.find((n) => /^Raqqa/.test(n)) || '';
  ok(/Raqa/.test(raqqaRow) && !/Raqqa['\u2019]s/.test(raqqaRow), 'another spelling is listed, a possessive is not', raqqaRow);
  const once = await page.$eval('#entities-once', (d) => d.textContent).catch(() => '');
  ok(/more names?, each in one report/.test(once) && !names.some((n) => once.includes(n.split(/\s/)[0] + ',')),
    'names one report writes once are folded apart from the table', once.slice(0, 80));
  const cites = await page.$$('#summary a.cite');
  ok(cites.length >= 1, 'summary sentences cite their sources', String(cites.length));
  await page.screenshot({ path: join(out, 'story.png'), fullPage: true });

  // Follow the first citation: the source article with the sentence marked.
  const firstSentence = summary[0].replace(/\s*\[\d+\]/g, '').trim();
  await cites[0].click();
  await page.waitForSelector('#article-text', { timeout: 10000 });
  const mark = await page.$('mark#cited');
  const marked = mark ? await mark.textContent() : '';
  ok(mark && firstSentence.startsWith(marked.slice(0, 40)), 'the citation opens the source with the sentence highlighted', marked.slice(0, 80));
  await page.screenshot({ path: join(out, 'article.png'), fullPage: true });

  // The ferry story: the words both reports quote are one row citing both.
  await page.goto(base + '/');
  await page.waitForSelector('a.story-link');
  const ferry = (await page.$$eval('a.story-link', (as) => as.map((a) => a.textContent))).findIndex((h) => /ferry/i.test(h));
  ok(ferry >= 0, 'the ferry story is listed');
  if (ferry >= 0) {
    await page.click(`a.story-link >> nth=${ferry}`);
    await page.waitForSelector('#quotes tbody tr', { timeout: 10000 });
    const rows = await page.$$eval('#quotes tbody tr', (rs) => rs.map((r) => r.textContent));
    const same = rows.filter((r) => r.includes('reopen the ferry'));
    ok(same.length === 1 && (await page.$$('#quotes tbody tr a.cite')).length >= 2,
      'a quote in two reports is one row citing both', rows.join(' | ').slice(0, 200));
    // Reported speech is the writer's wording: no quotation block, marked
    // as reported; words in quotation marks stay a quotation.
    const kinds = await page.$$eval('#quotes tbody tr', (rs) => rs.map((r) => ({
      text: r.textContent, block: !!r.querySelector('blockquote'), reported: !!r.querySelector('.reported') })));
    const pier = kinds.filter((k) => k.text.includes('pier would stay closed'));
    const own = kinds.filter((k) => k.text.includes('reopen the ferry'));
    ok(pier.length === 1 && pier[0].reported && !pier[0].block && own.length === 1 && own[0].block && !own[0].reported,
      'reported speech is shown as reported, not as a quotation', JSON.stringify(kinds).slice(0, 300));
  }

  // Hostile text is shown as text; no script runs.
  await page.goto(base + '/#/article/hostile-1');
  await page.waitForSelector('#article-text', { timeout: 10000 });
  const h1 = await page.$eval('h1', (e) => e.textContent);
  ok(h1 === HOSTILE_TITLE, 'a title with a script tag is shown as text', h1);
  const body = await page.$eval('#article-text', (e) => e.textContent);
  ok(body.includes('"><img src=x onerror=alert(1)>'), 'markup in the text is shown as text');
  ok((await page.$$('img')).length === 0, 'no element was made from the article text');
  ok((await page.$$('a[href^="javascript:"]')).length === 0, 'a javascript: address is not made a link');
  await page.goto(base + '/');
  await page.waitForSelector('a.story-link');
  const hostileLink = (await page.$$eval('a.story-link', (as) => as.map((a) => a.textContent))).includes(HOSTILE_TITLE);
  ok(hostileLink, 'the hostile headline is listed as text');
  await page.waitForTimeout(300);
  ok(dialogs.length === 0, 'no script from the articles ran (no alert)', dialogs.join(', '));

  // Live update: an ingest while the list is open shows the new story.
  await page.goto(base + '/');
  await page.waitForSelector('a.story-link');
  await page.waitForTimeout(1200); // the event stream is open
  writeFileSync(join(tmp, 'new.jsonl'), JSON.stringify({
    id: 'live-1', title: 'Glass works at Dunmore reopens after fire', source: 'Valley Daily',
    published: '2026-03-22T09:00:00Z',
    text: 'The glass works at Dunmore reopened on Sunday, six weeks after a fire destroyed its furnace hall. ' +
      'About 120 workers returned to the site, the owner, Hallam Glass, said.' }) + '\n');
  execFileSync(bin, ['ingest', '--quiet', '--db', db, join(tmp, 'new.jsonl')]);
  let live = false;
  for (let i = 0; i < 40 && !live; i++) {
    await page.waitForTimeout(250);
    live = (await page.$$eval('a.story-link', (as) => as.map((a) => a.textContent))).some((t) => /Glass works/.test(t));
  }
  ok(live, 'a story ingested while the page is open appears without reloading');
  ok(consoleErrors.length === 0, 'no error in the browser console', consoleErrors.join(' | '));
} catch (e) {
  failed++;
  console.log('not ok - browser test stopped: ' + (e && e.stack || e));
} finally {
  await cleanup();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
