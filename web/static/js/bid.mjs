// The vendor's bid page (/tender/{id}/penawaran): seals the price form and
// the chosen files in the browser to the envelope's tender key, declares
// the bid (sizes and SHA-256 of the ciphertext), uploads each sealed file
// with tus (resuming after a dropped connection), then checks the signed
// receipt against what was sealed here. The plaintext never leaves the
// browser; a file already sealed with `spse seal` is sent as it is.
import {
  CHUNK_SIZE, SEALED_MAGIC, ready, sealPieces, verifyReceiptFile,
} from './sealing.mjs';
import { Upload } from '../vendor/tus/tus.mjs';

const PRICE_FORM = 'penawaran-harga.json';
const UPLOAD_CHUNK = 2 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];
const SEALED_SUFFIX = /\.(sealed|spse|segel)$/i;

const messages = {};
for (const span of document.getElementById('bid-messages')?.content.querySelectorAll('span') ?? []) {
  messages[span.dataset.key] = span.textContent.trim();
}

// The catalogue's text of the reasons a bid is most often refused for.
const reasons = {};
for (const span of document.getElementById('bid-errors')?.content.querySelectorAll('span') ?? []) {
  reasons[span.dataset.reason] = span.textContent.trim();
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function fail(reason, message = reason) {
  const e = new Error(message);
  e.reason = reason;
  return e;
}

/**
 * The price form's plaintext (docs/sealed-bids.md §5):
 * {"v":1,"price":"<integer rupiah>","currency":"IDR","notes":"...", "items":[...]}
 * with the priced bill of quantities for harga satuan contracts.
 */
function priceForm(price, notes, items) {
  const form = { v: 1, price, currency: 'IDR', notes };
  if (items.length > 0) form.items = items;
  return new TextEncoder().encode(JSON.stringify(form));
}

/** A quantity as the page shows it ("4000", "12.5") in hundredths, as a BigInt. */
function hundredths(quantity) {
  const [whole, frac = ''] = quantity.split('.');
  return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
}

/** quantity x unit price in rupiah, rounded half up (as the server computes it). */
function lineTotal(quantity, unitPrice) {
  return (hundredths(quantity) * BigInt(unitPrice) + 50n) / 100n;
}

const rupiah = (n) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * Seals `input` (bytes or a File) into a Blob grown piece by piece, hashing
 * as it goes, so the sealed bytes are held once (by the Blob) and the
 * plaintext is read a slice at a time.
 */
async function sealToBlob(sodium, publicKey, input, onPiece) {
  const state = sodium.crypto_hash_sha256_init();
  let blob = new Blob([], { type: 'application/octet-stream' });
  for await (const piece of sealPieces(publicKey, input)) {
    sodium.crypto_hash_sha256_update(state, piece);
    blob = new Blob([blob, piece], { type: 'application/octet-stream' });
    onPiece(piece.length);
  }
  return { blob, sha256: hex(sodium.crypto_hash_sha256_final(state)) };
}

/** A file sealed elsewhere: checked for the SPSESF01 magic, hashed a slice at a time. */
async function presealed(sodium, file) {
  const head = new Uint8Array(await file.slice(0, SEALED_MAGIC.length).arrayBuffer());
  if (new TextDecoder().decode(head) !== SEALED_MAGIC) throw fail('seal.format', `${file.name}: ${messages.not_sealed}`);
  const state = sodium.crypto_hash_sha256_init();
  for (let at = 0; at < file.size; at += 16 * CHUNK_SIZE) {
    const slice = await file.slice(at, Math.min(file.size, at + 16 * CHUNK_SIZE)).arrayBuffer();
    sodium.crypto_hash_sha256_update(state, new Uint8Array(slice));
  }
  return { blob: file, sha256: hex(sodium.crypto_hash_sha256_final(state)) };
}

async function errorReason(res) {
  try {
    const j = await res.json();
    return j?.error?.reason ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

function uploadOne(item, url, csrf, onProgress, onRetry) {
  return new Promise((resolve, reject) => {
    const upload = new Upload(item.blob, {
      uploadUrl: url,
      headers: { 'X-CSRF-Token': csrf },
      chunkSize: UPLOAD_CHUNK,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: false,
      onProgress: (sent) => onProgress(sent),
      onShouldRetry: (err, attempt, options) => {
        const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
        const retry = status === 0 || status >= 500 || status === 409 || status === 423;
        if (retry && attempt < options.retryDelays.length) onRetry();
        return retry;
      },
      onError: (err) => {
        let reason = err.message;
        try {
          const body = err.originalResponse?.getBody();
          if (body) reason = JSON.parse(body)?.error?.reason ?? reason;
        } catch { /* not JSON */ }
        reject(fail(reason, reason));
      },
      onSuccess: () => resolve(),
    });
    upload.start();
  });
}

/** Replaces the list of the vendor's bids with the server's current one. */
async function refreshMyBids() {
  try {
    const res = await fetch(window.location.pathname, { credentials: 'same-origin' });
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('my-bids');
    const list = document.getElementById('my-bids');
    if (fresh && list) list.replaceWith(document.importNode(fresh, true));
  } catch { /* the list stays as it was; a reload shows it */ }
}

class BidForm {
  constructor(form) {
    this.form = form;
    this.progress = form.querySelector('.bid-progress');
    this.phase = form.querySelector('.bid-phase');
    this.overall = form.querySelector('.bid-overall');
    this.overallText = form.querySelector('.bid-overall-text');
    this.fileList = form.querySelector('.bid-files');
    this.result = form.querySelector('.bid-result');
    this.button = form.querySelector('button[type=submit]');
    // The button waits for this module: the form has nothing to send without it.
    this.button.disabled = false;
    // Harga satuan: each line's total and the bid price follow the unit prices.
    this.lines = [...form.querySelectorAll('[data-bill-line]')];
    if (this.lines.length > 0) form.addEventListener('input', () => this.sumBill());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // Leaving the page mid-way would drop the bid: the browser asks first.
      const stay = (ev) => ev.preventDefault();
      window.addEventListener('beforeunload', stay);
      this.send().catch((err) => this.showError(err))
        .finally(() => window.removeEventListener('beforeunload', stay));
    });
  }

  setPhase(key) {
    this.phase.textContent = messages[key] ?? key;
    this.form.dataset.phase = key;
  }

  showError(err) {
    this.button.disabled = false;
    this.form.dataset.phase = 'failed';
    this.result.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'alert alert-error';
    p.dataset.reason = err.reason ?? '';
    p.dataset.testid = 'bid-error';
    // A message made here says more (the file's name); a server's reason gets the catalogue's text.
    const text = err.message && err.message !== err.reason ? err.message : (reasons[err.reason] ?? '');
    p.textContent = `${messages.failed} ${text} ${err.reason ? `(${err.reason})` : ''}`.trim();
    this.result.append(p);
  }

  /** The priced lines and their sum; shows each line's total. Throws on a bad unit price. */
  sumBill(strict = false) {
    let sum = 0n;
    const lines = [];
    for (const row of this.lines) {
      const input = row.querySelector('input');
      const value = input.value.trim();
      const cell = row.querySelector('[data-line-total]');
      if (!/^[0-9]{1,15}$/.test(value)) {
        cell.textContent = '';
        if (strict) throw fail('bid.price_invalid', messages.price_invalid);
        continue;
      }
      const total = lineTotal(row.dataset.quantity, value);
      cell.textContent = rupiah(total);
      sum += total;
      lines.push({ description: row.dataset.description, unit: row.dataset.unit, quantity: row.dataset.quantity, unit_price: value });
    }
    this.form.elements.price.value = sum > 0n ? sum.toString() : '';
    return lines;
  }

  /** What the vendor gave: [{name, input (bytes|File), presealed, price_form}]. */
  collect() {
    const f = this.form.elements;
    const items = [];
    if (this.form.dataset.price) {
      const bill = this.lines.length > 0 ? this.sumBill(true) : [];
      const price = f.price.value.trim();
      if (!/^[1-9][0-9]{0,17}$/.test(price)) throw fail('bid.price_invalid', messages.price_invalid);
      items.push({ name: PRICE_FORM, input: priceForm(price, f.notes?.value ?? '', bill), presealed: false, price_form: true });
    }
    const pre = f.presealed.checked;
    for (const file of f.files.files) {
      items.push({ name: pre ? file.name.replace(SEALED_SUFFIX, '') : file.name, input: file, presealed: pre, price_form: false });
    }
    if (items.length === 0) throw fail('bid.files_required', messages.no_files);
    return items;
  }

  fileRow(name) {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = `${name} `;
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    const text = document.createElement('span');
    text.textContent = ' 0%';
    li.append(label, bar, text);
    li.dataset.testid = 'file-progress';
    this.fileList.append(li);
    return (fraction) => {
      bar.value = Math.round(fraction * 100);
      text.textContent = ` ${Math.round(fraction * 100)}%`;
    };
  }

  setOverall(fraction) {
    const pct = Math.min(100, Math.floor(fraction * 100));
    this.overall.value = pct;
    this.overallText.textContent = `${pct}%`;
    this.form.dataset.progress = String(pct);
  }

  async send() {
    const items = this.collect();
    this.button.disabled = true;
    this.result.innerHTML = '';
    this.fileList.innerHTML = '';
    this.progress.hidden = false;
    this.setOverall(0);
    const sodium = await ready();
    const publicKey = this.form.dataset.publicKey;
    const csrf = this.form.dataset.csrf;

    this.setPhase('sealing');
    const sealed = [];
    for (const item of items) {
      const show = this.fileRow(item.name);
      const total = item.input.size ?? item.input.length;
      let done = 0;
      const out = item.presealed
        ? await presealed(sodium, item.input)
        : await sealToBlob(sodium, publicKey, item.input, (n) => { done += n; show(Math.min(1, done / (total + 1))); });
      show(0);
      sealed.push({ ...item, blob: out.blob, size: out.blob.size, sha256: out.sha256, show });
    }

    this.setPhase('declaring');
    const declared = await fetch(`/api/v1/tenders/${this.form.dataset.tender}/bids`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({
        envelope: this.form.dataset.envelope,
        files: sealed.map((s) => ({ name: s.name, size: s.size, sha256: s.sha256, price_form: s.price_form })),
      }),
    });
    if (!declared.ok) {
      const reason = await errorReason(declared);
      throw fail(reason);
    }
    const bid = await declared.json();

    this.setPhase('uploading');
    const total = sealed.reduce((n, s) => n + s.size, 0);
    let before = 0;
    for (let i = 0; i < sealed.length; ++i) {
      const s = sealed[i];
      await uploadOne(s, bid.files[i].upload_url, csrf, (sent) => {
        s.show(sent / s.size);
        this.setOverall((before + sent) / total);
      }, () => this.setPhase('retrying'));
      this.setPhase('uploading');
      s.show(1);
      before += s.size;
      this.setOverall(before / total);
    }

    this.setPhase('checking');
    await this.checkReceipt(bid, sealed);
  }

  async checkReceipt(bid, sealed) {
    const [fileRes, keyRes] = await Promise.all([
      fetch(`/penawaran/${bid.bid}/tanda-terima.json`, { credentials: 'same-origin' }),
      fetch(this.form.dataset.receiptKey, { credentials: 'same-origin' }),
    ]);
    if (!fileRes.ok) throw fail(await errorReason(fileRes));
    const fileText = await fileRes.text();
    const key = keyRes.ok ? (await keyRes.json()).public_key : undefined;
    let problems = [];
    let receipt;
    try {
      receipt = JSON.parse(verifyReceiptFile(fileText, key));
    } catch (e) {
      problems.push(e.reason ?? e.message);
    }
    if (receipt) {
      const got = receipt.files ?? [];
      if (got.length !== sealed.length) problems.push('files');
      sealed.forEach((s, i) => {
        const r = got[i];
        if (!r || r.name !== s.name || r.size !== s.size || r.sha256 !== s.sha256) problems.push(s.name);
      });
      if (receipt.bid !== bid.bid) problems.push('bid');
    }
    this.setPhase('done');
    const link = document.createElement('a');
    link.href = bid.receipt_url;
    link.textContent = messages.receipt;
    link.dataset.testid = 'receipt-link-new';
    const p = document.createElement('p');
    if (problems.length === 0) {
      p.className = 'alert alert-ok';
      p.dataset.testid = 'receipt-match';
      p.textContent = `${messages.done} ${messages.match} `;
    } else {
      p.className = 'alert alert-error';
      p.dataset.testid = 'receipt-mismatch';
      p.setAttribute('role', 'alert');
      p.textContent = `${messages.mismatch} (${problems.join(', ')}) `;
    }
    p.append(link);
    this.result.append(p);
    this.form.dataset.receipt = problems.length === 0 ? 'match' : 'mismatch';
    await refreshMyBids();
  }
}

for (const form of document.querySelectorAll('form.bid-form')) new BidForm(form);
