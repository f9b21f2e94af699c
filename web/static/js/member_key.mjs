// The personal opening key page (/akun/kunci-pembukaan): makes the X25519
// pair in the browser, wraps the secret under the passphrase (argon2id,
// about half a second) and posts only the public key and the wrapped text.
// The passphrase fields have no name and are cleared before the form is
// sent, so the passphrase never leaves the browser.
import { generateBoxKeyPair, ready, toBase64, wrapSecretKey } from './sealing.mjs';

const MIN_PASSPHRASE = 12;

const form = document.getElementById('member-key-form');
const problem = document.getElementById('key-problem');
const busy = document.getElementById('key-busy');
const button = document.getElementById('key-submit');
const first = document.getElementById('passphrase');
const second = document.getElementById('passphrase2');
const message = (id) => document.getElementById(id).content.textContent.trim();

function show(text) {
  problem.textContent = text;
  problem.hidden = !text;
}

// Let the "working" line paint before argon2id blocks the thread.
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

// The button waits for this module: a form sent without it would carry no key.
button.disabled = false;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  show('');
  if (first.value.length < MIN_PASSPHRASE) return show(message('msg-too-short'));
  if (first.value !== second.value) return show(message('msg-mismatch'));
  button.disabled = true;
  busy.hidden = false;
  try {
    await ready();
    await nextFrame();
    const { publicKey, secretKey } = generateBoxKeyPair();
    const wrapped = wrapSecretKey(secretKey, first.value);
    secretKey.fill(0);
    form.elements.public_key.value = toBase64(publicKey);
    form.elements.wrapped.value = wrapped;
    first.value = '';
    second.value = '';
    first.disabled = true;
    second.disabled = true;
    form.submit();
  } catch (e) {
    show(`${message('msg-failed')} ${e.reason ?? e.message}`);
    button.disabled = false;
    busy.hidden = true;
  }
});
