// The Pembukaan page: a Pokja member unlocks their share of the envelope's
// key here, in the browser. The passphrase opens the member's personal key
// (wrapped with argon2id; see docs/sealed-bids.md), the personal key opens
// the sealed share, and only the share (x || y, base64url) is sent. The
// passphrase and the personal key never leave this page.
import { openShare, ready, toBase64, unwrapSecretKey } from './sealing.mjs';

const wrappedNode = document.getElementById('wrapped-key');

for (const form of document.querySelectorAll('form[data-unlock-share]')) {
  const errorBox = form.querySelector('[data-unlock-error]');
  const busy = form.querySelector('[data-unlock-busy]');
  const button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (event) => {
    if (form.dataset.ready === 'yes') return;  // the share is filled in: send it
    event.preventDefault();
    errorBox.hidden = true;
    const passInput = form.querySelector('[data-passphrase]');
    const passphrase = passInput.value;
    if (!wrappedNode) {
      errorBox.textContent = document.documentElement.lang === 'en'
        ? 'You have no personal opening key on this account.'
        : 'Akun ini belum memiliki kunci pembukaan pribadi.';
      errorBox.hidden = false;
      return;
    }
    button.disabled = true;
    busy.hidden = false;
    try {
      await ready();
      const secret = await unwrapSecretKey(wrappedNode.dataset.wrapped, passphrase);
      const sealed = form.querySelector('[data-sealed-share]').value;
      const share = openShare(sealed, secret);
      secret.fill(0);
      form.querySelector('input[name=share]').value = toBase64(share);
      share.fill(0);
      passInput.value = '';
      passInput.disabled = true;  // never submitted
      form.dataset.ready = 'yes';
      form.submit();
    } catch (e) {
      const wrong = e && e.reason === 'key.passphrase';
      errorBox.textContent = wrong
        ? (document.documentElement.lang === 'en' ? 'Wrong passphrase.' : 'Frasa sandi salah.')
        : (document.documentElement.lang === 'en' ? 'The share could not be opened: ' : 'Bagian kunci tidak dapat dibuka: ') + (e.reason || e.message);
      errorBox.hidden = false;
      button.disabled = false;
    } finally {
      busy.hidden = true;
    }
  });
}
