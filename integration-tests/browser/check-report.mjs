// Copyright 2026 The tooltrace Authors
// SPDX-License-Identifier: Apache-2.0
//
// Opens a tooltrace HTML report in Debian's headless Chromium (playwright-core drives the
// installed browser; nothing is downloaded), zooms the lineage graph, clicks a graph node and a
// slow trace, takes screenshots (PREFIX-top.png, -page.png, -graph.png), and prints one JSON
// object with what it saw. ReportBrowserTest asserts on it.
//
// Usage: node check-report.mjs REPORT.html SCREENSHOT_PREFIX
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [report, shots] = process.argv.slice(2);
if (!report || !shots) {
  console.error('usage: node check-report.mjs REPORT.html SCREENSHOT_PREFIX');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Without the background-networking flags Chromium tries to reach Google's hosts at start.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const seen = { consoleErrors: [], pageErrors: [], requests: [], failures: [] };
// Each step records its failure and the next step still runs: the test gets everything seen.
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    seen.failures.push(name + ': ' + String(e).split('\n')[0]);
  }
}
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.consoleErrors.push(m.type() + ': ' + m.text());
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  const url = pathToFileURL(report).href;
  page.on('request', (r) => {
    if (r.url() !== url && !r.url().startsWith('data:')) seen.requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-rendered="true"]', { state: 'attached', timeout: 30000 }).catch((e) => { seen.renderTimeout = String(e).split('\n')[0]; });

  seen.title = await page.title();
  seen.toolRows = await page.locator('tr.tool-row').count();
  seen.graphNodes = await page.locator('g.node').count();
  seen.graphEdges = await page.locator('path.edge').count();
  seen.traceLinks = await page.locator('tr.trace-link').count();
  seen.errorGroups = await page.locator('div.error-group').count();
  seen.envRows = await page.locator('table.env-table tr').count();
  seen.runFacts = await page.locator('#run-facts').innerText();
  seen.lossesText = await page.locator('#losses-body').innerText();
  await page.screenshot({ path: shots + '-top.png' });
  await page.screenshot({ path: shots + '-page.png', fullPage: true });

  // Zoom with the wheel over the graph: the viewport transform must change.
  const graph = page.locator('#graph-svg');
  if (await graph.count()) await step('zoom', async () => {
    await graph.scrollIntoViewIfNeeded();
    const before = await page.locator('#graph-viewport').getAttribute('transform');
    const box = await graph.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    seen.zoomed = before !== (await page.locator('#graph-viewport').getAttribute('transform'));
    await page.click('.graph-tools button[title="Fit the graph"]');
  });

  // Click the first call node: the panel must show that node's example call.
  const node = page.locator('g.node[data-kind="call"]').first();
  if (await node.count()) await step('click a graph node', async () => {
    const id = await node.getAttribute('data-node');
    await node.click();
    await page.waitForSelector('#details:not([hidden]) .call-view', { timeout: 10000 });
    seen.clicked = {
      node: id,
      span: await page.locator('#details .call-view').first().getAttribute('data-span'),
      text: (await page.locator('#details').innerText()).slice(0, 2000),
    };
    await page.locator('#graph-svg').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots + '-graph.png' });
    await page.click('#details-close');
  });

  // Click the slowest trace: the panel must show its calls.
  const trace = page.locator('tr.trace-link').first();
  if (await trace.count()) await step('click a slow trace', async () => {
    await trace.click();
    await page.waitForSelector('#details:not([hidden]) .trace-row', { timeout: 10000 });
    seen.traceRows = await page.locator('#details .trace-row').count();
    await page.click('#details-close');
  });
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
