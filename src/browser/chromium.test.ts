// The verifier page end to end in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): served by `zisk-ts serve-verifier`'s server from build/browser/, files given
// through the page's inputs, verdicts read from the page as a person would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startVerifierServer, type VerifierServer } from '../cli/commands/serve-verifier.js';
import { fixtureExpected, readFixture, tampered } from './test-support/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const fixture = readFixture();
const expected = fixtureExpected(fixture.elf);
const hex = (w: number) => w.toString(16).padStart(8, '0');

let server: VerifierServer | undefined;
let context: BrowserContext | undefined;
let page: Page;
let profileDir: string | undefined;
const pageErrors: string[] = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: the browser test needs Debian's Chromium (apt-get install -y chromium)`);
  server = await startVerifierServer({ port: 0 });
  profileDir = mkdtempSync(join(tmpdir(), 'zisk-ts-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`);
  });
  await page.goto(server.url);
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

const file = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

/** Sets the files, presses Verify, and returns the verdict shown once verification ends. */
async function verifyInPage(proof: Uint8Array, elf: Uint8Array | undefined, security = 'any'): Promise<{ state: string; reason: string }> {
  await page.setInputFiles('#proof-input', file('proof.bin', proof));
  await page.setInputFiles('#elf-input', elf ? file('program.elf', elf) : []);
  await page.selectOption('#security', security);
  await page.click('#verify');
  await page.waitForFunction(() => ['accepted', 'rejected', 'error'].includes(document.getElementById('verdict')?.dataset['state'] ?? ''), undefined, { timeout: 20_000 });
  return page.evaluate(() => ({
    state: document.getElementById('verdict')!.dataset['state']!,
    reason: document.getElementById('reason')!.textContent ?? '',
  }));
}

const text = (sel: string) => page.$eval(sel, (el) => el.textContent ?? '');
const visible = (sel: string) => page.$eval(sel, (el) => !(el as HTMLElement).closest('[hidden]'));

test('the page accepts the fixture proof with its ELF and shows the outputs, the program id and the test-profile warning', async () => {
  const v = await verifyInPage(fixture.proof, fixture.elf);
  assert.equal(v.state, 'accepted', v.reason);
  assert.equal(await text('#program-id'), expected.programId);
  assert.match(await text('#program-note'), /ELF given/);
  assert.match(await text('#security-bits'), /^14 conjectured bits \(test profile\)/);
  assert.equal(await visible('#insecure-warning'), true);
  assert.match(await text('#verdict'), /INSECURE/);

  // By default the words up to the last non-zero one; all 64 on request.
  let end = expected.outputs.length;
  while (end > 0 && expected.outputs[end - 1] === 0) end--;
  const shown = () => page.$$eval('#outputs code', (els) => els.map((e) => e.textContent));
  assert.deepEqual(await shown(), Array.from(expected.outputs.subarray(0, end), hex));
  await page.click('#show-all');
  assert.deepEqual(await shown(), Array.from(expected.outputs, hex));
  console.log(`# verified in Chromium in ${await text('#time')}`);
});

test('the page rejects a tampered proof with a reason', async () => {
  const v = await verifyInPage(tampered(fixture.proof), fixture.elf);
  assert.equal(v.state, 'rejected');
  assert.match(v.reason, /^fri-merkle \(instance \d+\): .*root-mismatch/);
  assert.equal(await visible('#outputs-section'), false);
});

test('the page rejects the proof checked against another ELF', async () => {
  const v = await verifyInPage(fixture.proof, fixture.otherElf);
  assert.equal(v.state, 'rejected');
  assert.match(v.reason, /^program-root/);
});

test('with the standard profile required, the test proof is rejected; without an ELF it is accepted, the program unchecked', async () => {
  const strict = await verifyInPage(fixture.proof, undefined, 'standard');
  assert.equal(strict.state, 'rejected');
  assert.match(strict.reason, /^params: .*insecure test profile/);
  const noElf = await verifyInPage(fixture.proof, undefined);
  assert.equal(noElf.state, 'accepted', noElf.reason);
  assert.equal(await text('#program-id'), expected.programId);
  assert.match(await text('#program-note'), /not compared with an ELF/);
});

test('a proof and an ELF dropped together are told apart by their content', async () => {
  await page.setInputFiles('#proof-input', []);
  await page.setInputFiles('#elf-input', []);
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  await page.evaluate(
    ([proof, elf]) => {
      // No named helper here: tsx would wrap it in a __name call the page does not have.
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(elf!), (c) => c.charCodeAt(0))], 'program.elf'));
      dt.items.add(new File([Uint8Array.from(atob(proof!), (c) => c.charCodeAt(0))], 'proof.bin'));
      document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [b64(fixture.proof), b64(fixture.elf)],
  );
  await page.waitForFunction(() => !(document.getElementById('verify') as HTMLButtonElement).disabled);
  assert.match(await text('#proof-name'), /^proof\.bin /);
  assert.match(await text('#elf-name'), /^program\.elf /);
  await page.click('#verify');
  await page.waitForFunction(() => ['accepted', 'rejected', 'error'].includes(document.getElementById('verdict')?.dataset['state'] ?? ''));
  assert.equal(await page.$eval('#verdict', (e) => (e as HTMLElement).dataset['state']), 'accepted');
  assert.match(await text('#program-note'), /ELF given/);
});

test('a file that is not a proof is rejected, and the page keeps working', async () => {
  const v = await verifyInPage(fixture.elf, undefined);
  assert.equal(v.state, 'rejected');
  assert.match(v.reason, /^format: .*bad magic/);
  const again = await verifyInPage(fixture.proof, fixture.elf);
  assert.equal(again.state, 'accepted', again.reason);
  assert.deepEqual(pageErrors, []);
});
