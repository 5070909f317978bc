// Browser test of the dyad dashboard (run by tests/e2e/dashboard.sh).
// usage: node dashboard.mjs URL EXPECT.json SCREENSHOT.png CHROMIUM PROFILE_DIR
// EXPECT.json holds what `dyad query` says the page must show. Exits non-zero on any mismatch.
import { chromium } from 'playwright-core';
import { readFileSync, rmSync } from 'node:fs';

const [url, expectFile, shot, exe, profile] = process.argv.slice(2);
const want = JSON.parse(readFileSync(expectFile, 'utf8'));
const problems = [];
const check = (ok, msg) => { if (!ok) problems.push(msg); };
const eq = (got, exp, what) => check(JSON.stringify(got) === JSON.stringify(exp),
  `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(exp)}`);

const killer = setTimeout(() => { console.error('FAIL: timed out'); process.exit(1); }, 100000);
rmSync(profile, { recursive: true, force: true });
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: exe,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
let status = 0;
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  const origin = new URL(url).origin;
  page.on('request', (r) => check(r.url().startsWith(origin) || r.url().startsWith('data:'),
    `request to another origin: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });

  // header: the database totals
  const info = await page.textContent('#db-info');
  check(info.includes(`${want.events.toLocaleString('en-US')} events`), `header says "${info}", want ${want.events} events`);

  // timeline: the summary numbers, and the bars add up to them
  const k = async (key) => Number((await page.textContent(`#timeline-summary [data-k="${key}"]`)).replace(/,/g, ''));
  const total = want.quad.reduce((a, b) => a + b, 0);
  eq(await k('events'), total, 'timeline: dated events');
  eq([await k('q1'), await k('q2'), await k('q3'), await k('q4')], want.quad, 'timeline: events per quad class');
  eq(await k('cooperation'), want.quad[0] + want.quad[1], 'timeline: cooperation');
  eq(await k('conflict'), want.quad[2] + want.quad[3], 'timeline: conflict');
  const barSum = await page.$$eval('#timeline .period title', (ts) =>
    ts.reduce((s, t) => s + Number(t.textContent.match(/: (\d+) events/)[1]), 0));
  eq(barSum, total, 'timeline: events in the bars');
  check(await page.locator('#timeline rect[class^="bar-q"]').count() > 0, 'timeline: no bars drawn');

  // network: the most active dyad is drawn
  const [ts, tt, tn] = want.top_dyad;
  const edge = page.locator(`#network path.edge[data-source="${ts}"][data-target="${tt}"]`);
  eq(await edge.count(), 1, `network: arrow ${ts} -> ${tt}`);
  if (await edge.count()) eq(Number(await edge.getAttribute('data-events')), tn, 'network: events of the top dyad');

  // event table: the first page, row by row
  const rows = await page.$$eval('#events tbody tr.event', (trs) => trs.map((tr) => {
    const td = tr.querySelectorAll('td');
    return [td[0].textContent, td[1].textContent, td[2].textContent, td[3].querySelector('code').textContent];
  }));
  eq(rows, want.first_page, 'table: first page');

  // a row opens its evidence sentence ...
  await page.click('#events tbody tr.event >> nth=0');
  await page.waitForSelector('#events tr.detail blockquote.evidence', { timeout: 10000 });
  const evid = (await page.$$eval('#events tr.detail blockquote.evidence', (b) => b.map((x) => x.textContent))).sort();
  eq(evid, want.first_evidence, 'evidence of the first event');
  check(await page.locator('#events tr.detail blockquote.evidence mark').count() > 0, 'evidence: nothing marked');
  await page.screenshot({ path: shot, fullPage: true });

  // ... and its article, the evidence sentence marked
  await page.click('#events tr.detail button.open-article >> nth=0');
  await page.waitForSelector('#article:not([hidden]) #article-body mark.current', { timeout: 10000 });
  const cur = await page.textContent('#article-body mark.current');
  check(want.first_evidence.includes(cur), `article: marked sentence "${cur}" is not the evidence`);
  check((await page.textContent('#article-title')).length > 0, 'article: no title');
  await page.screenshot({ path: shot.replace(/\.png$/, '-article.png') });
  await page.click('#article-close');

  // clicking an arrow charts that dyad
  if (await edge.count()) {
    await page.evaluate(() => { document.body.dataset.ready = '0'; });
    await edge.dispatchEvent('click');
    await page.waitForSelector('body[data-ready="1"]', { timeout: 10000 });
    const dq = [await k('q1'), await k('q2'), await k('q3'), await k('q4')];
    eq(dq, want.top_dyad_quad, `timeline of ${ts} -> ${tt}`);
    const pairs = await page.$$eval('#events tbody tr.event', (trs) => trs.map((tr) =>
      [tr.children[1].textContent, tr.children[2].textContent]));
    eq(pairs.length, tn, `table rows for ${ts} -> ${tt}`);
    check(pairs.every(([s, t]) => s === ts && t === tt), `table shows other dyads: ${JSON.stringify(pairs)}`);
    check(page.url().includes(`source=${ts}`), `filters not in the address: ${page.url()}`);
  }
} catch (e) {
  problems.push(`exception: ${e.stack || e}`);
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(killer);
}
if (problems.length) {
  for (const p of problems) console.error(`FAIL: ${p}`);
  status = 1;
} else {
  console.log(`dashboard ok: ${want.events} events, first page of ${want.first_page.length} rows, evidence and article checked; ${shot}`);
}
process.exit(status);
