/**
 * The verifier page (index.html): picks the proof and the optional ELF (file inputs or a drop),
 * sends them to the verifier's worker, and shows the verdict. Plain DOM. A failure anywhere is
 * shown as an error verdict; the page itself keeps working.
 */
import type { VerifyRequest, VerifyResponse } from './protocol.js';
import type { BrowserVerdict, RequiredSecurity } from './verifier.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

const ui = {
  drop: $('drop'),
  proofInput: $<HTMLInputElement>('proof-input'),
  elfInput: $<HTMLInputElement>('elf-input'),
  proofName: $('proof-name'),
  elfName: $('elf-name'),
  security: $<HTMLSelectElement>('security'),
  verify: $<HTMLButtonElement>('verify'),
  status: $('status'),
  result: $('result'),
  verdict: $('verdict'),
  reason: $('reason'),
  warning: $('insecure-warning'),
  warningBits: $('insecure-bits'),
  programId: $('program-id'),
  programNote: $('program-note'),
  romDataId: $('romdata-id'),
  securityBits: $('security-bits'),
  instances: $('instances'),
  facts: $('facts'),
  time: $('time'),
  outputsSection: $('outputs-section'),
  outputsNote: $('outputs-note'),
  outputs: $('outputs'),
  showAll: $<HTMLButtonElement>('show-all'),
};

let proofFile: File | undefined;
let elfFile: File | undefined;
let worker: Worker | undefined;
let nextId = 1;
let pending: { id: number; timer: ReturnType<typeof setInterval> } | undefined;
let lastOutputs: Uint32Array | undefined;
let showAllOutputs = false;

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

function refreshFiles(): void {
  ui.proofName.textContent = proofFile ? `${proofFile.name} (${proofFile.size.toLocaleString()} bytes)` : 'no proof chosen';
  ui.elfName.textContent = elfFile ? `${elfFile.name} (${elfFile.size.toLocaleString()} bytes)` : 'no ELF: the program is not checked';
  ui.verify.disabled = !proofFile || pending !== undefined;
}

ui.proofInput.addEventListener('change', () => {
  proofFile = ui.proofInput.files?.[0];
  refreshFiles();
});
ui.elfInput.addEventListener('change', () => {
  elfFile = ui.elfInput.files?.[0];
  refreshFiles();
});

// A dropped file is the ELF when it starts with the ELF magic, the proof otherwise.
async function isElf(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head.length === 4 && ELF_MAGIC.every((b, i) => head[i] === b);
}
ui.drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  ui.drop.classList.add('over');
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.drop.classList.remove('over');
  const files = Array.from(e.dataTransfer?.files ?? []);
  void (async () => {
    // The inputs would still name their own files: clear the one a dropped file replaces.
    for (const f of files) {
      if (await isElf(f)) {
        elfFile = f;
        ui.elfInput.value = '';
      } else {
        proofFile = f;
        ui.proofInput.value = '';
      }
    }
    refreshFiles();
  })().catch(showError);
});
// A file dropped outside the zone would otherwise make the browser navigate away to it.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

function startWorker(): Worker {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<VerifyResponse>) => {
    if (!pending || e.data.id !== pending.id) return;
    finish();
    if (e.data.ok) showVerdict(e.data.result);
    else showError(new Error(e.data.message));
  };
  w.onerror = (e) => {
    e.preventDefault();
    // The worker is unusable (it failed to load, or ran out of memory): start a new one next time.
    worker?.terminate();
    worker = undefined;
    if (pending) {
      finish();
      showError(new Error(e.message || 'the verifier worker failed'));
    }
  };
  return w;
}

function finish(): void {
  if (pending) clearInterval(pending.timer);
  pending = undefined;
  ui.status.textContent = '';
  refreshFiles();
}

ui.verify.addEventListener('click', () => {
  void run().catch((e: unknown) => {
    finish();
    showError(e);
  });
});

async function run(): Promise<void> {
  if (!proofFile || pending) return;
  // The verifying state shows before the files are read, so no earlier verdict stays on screen.
  const id = nextId++;
  const started = performance.now();
  const tick = () => (ui.status.textContent = `verifying… ${((performance.now() - started) / 1000).toFixed(1)} s`);
  pending = { id, timer: setInterval(tick, 100) };
  tick();
  ui.result.hidden = false;
  ui.verdict.dataset['state'] = 'verifying';
  ui.verdict.textContent = 'Verifying…';
  for (const el of [ui.reason, ui.programId, ui.programNote, ui.romDataId, ui.securityBits, ui.instances, ui.time]) el.textContent = '';
  ui.warning.hidden = true;
  ui.outputsSection.hidden = true;
  ui.facts.dataset['ok'] = 'false';
  refreshFiles();
  const proof = await proofFile.arrayBuffer();
  const elf = elfFile ? await elfFile.arrayBuffer() : undefined;
  worker ??= startWorker();
  const request: VerifyRequest = { id, proof, elf, security: ui.security.value as RequiredSecurity };
  worker.postMessage(request, elf ? [proof, elf] : [proof]);
}

const hex = (w: number) => w.toString(16).padStart(8, '0');

function renderOutputs(): void {
  const words = lastOutputs;
  if (!words) return;
  let end = words.length;
  while (end > 0 && words[end - 1] === 0) end--;
  const shown = showAllOutputs ? words.length : end;
  ui.outputsNote.textContent =
    end === 0 && !showAllOutputs
      ? `All ${words.length} output words are zero.`
      : showAllOutputs || end === words.length
        ? `All ${words.length} output words (32-bit, hex), word 0 first.`
        : `Words 0–${end - 1} (32-bit, hex); the other ${words.length - end} are zero.`;
  ui.outputs.replaceChildren(
    ...Array.from(words.subarray(0, shown), (w, i) => {
      const cell = document.createElement('div');
      const index = document.createElement('span');
      index.textContent = String(i);
      const code = document.createElement('code');
      code.textContent = hex(w);
      cell.append(index, code);
      return cell;
    }),
  );
  ui.showAll.textContent = showAllOutputs ? 'Show only up to the last non-zero word' : `Show all ${words.length} words`;
  ui.showAll.hidden = end === words.length;
}
ui.showAll.addEventListener('click', () => {
  showAllOutputs = !showAllOutputs;
  renderOutputs();
});

function showVerdict(r: BrowserVerdict): void {
  const v = r.verdict;
  ui.result.hidden = false;
  ui.time.textContent = `${r.milliseconds.toFixed(0)} ms`;
  ui.securityBits.textContent =
    r.securityBits === undefined ? 'unknown (the proof could not be read)' : `${r.securityBits} conjectured bits${r.profile ? ` (${r.profile} profile)` : ''}`;
  ui.warning.hidden = !r.insecure;
  ui.warningBits.textContent = String(r.securityBits ?? '?');
  ui.facts.dataset['ok'] = String(v.ok);
  if (v.ok) {
    ui.verdict.dataset['state'] = 'accepted';
    ui.verdict.textContent = r.insecure ? 'ACCEPTED (INSECURE test proof)' : 'ACCEPTED';
    ui.reason.textContent = r.elfChecked ? 'The proof is valid and is about the ELF given.' : 'The proof is valid.';
    ui.programId.textContent = v.programId;
    ui.programNote.textContent = r.elfChecked
      ? '= the ELF given'
      : '(not compared with an ELF: give the ELF to check that it is the program you expect)';
    ui.romDataId.textContent = v.romDataId ?? 'none (the program never read its read-only data)';
    ui.instances.textContent = `${v.instances.length} (${summarizeInstances(v.instances)})`;
    lastOutputs = v.outputs;
    showAllOutputs = false;
    ui.outputsSection.hidden = false;
    renderOutputs();
  } else {
    ui.verdict.dataset['state'] = 'rejected';
    ui.verdict.textContent = 'REJECTED';
    const where = v.instance !== undefined ? ` (instance ${v.instance})` : '';
    const detail = v.expected !== undefined || v.got !== undefined ? `; expected ${v.expected ?? '?'}, got ${v.got ?? '?'}` : '';
    ui.reason.textContent = `${v.check}${where}: ${v.message}${detail}`;
    ui.outputsSection.hidden = true;
  }
}

function summarizeInstances(list: readonly { readonly air: string }[]): string {
  const counts = new Map<string, number>();
  for (const i of list) counts.set(i.air, (counts.get(i.air) ?? 0) + 1);
  return [...counts].map(([air, n]) => (n > 1 ? `${air} ×${n}` : air)).join(', ');
}

function showError(e: unknown): void {
  ui.result.hidden = false;
  ui.facts.dataset['ok'] = 'false';
  ui.verdict.dataset['state'] = 'error';
  ui.verdict.textContent = 'ERROR';
  ui.reason.textContent = `The verifier could not run: ${(e as Error)?.message ?? String(e)}`;
  ui.warning.hidden = true;
  ui.outputsSection.hidden = true;
}

window.addEventListener('error', (e) => showError(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => showError(e.reason));
refreshFiles();
