// The tender key page (/tender/{id}/kunci), for the Pokja chair: one fresh
// key pair per envelope still without a key, its secret split k of n among
// the members' public keys (rendered into #key-members) and wiped at once;
// only the public bundles are posted.
import { makeTenderKeyBundle, ready } from './sealing.mjs';

const form = document.getElementById('tender-key-form');
const problem = document.getElementById('key-problem');
const busy = document.getElementById('key-busy');
const button = document.getElementById('tender-key-submit');

// The button waits for this module: a form sent without it would carry no key.
button.disabled = false;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  problem.hidden = true;
  button.disabled = true;
  busy.hidden = false;
  try {
    await ready();
    const members = JSON.parse(document.getElementById('key-members').textContent);
    const threshold = Number.parseInt(form.elements.threshold.value, 10);
    const envelopes = form.dataset.envelopes.split(' ').filter(Boolean);
    const bundles = envelopes.map((envelope) => {
      const { json, secretKey } = makeTenderKeyBundle(members, threshold);
      secretKey.fill(0);
      return { envelope, bundle: JSON.parse(json) };
    });
    form.elements.bundles.value = JSON.stringify(bundles);
    form.submit();
  } catch (e) {
    problem.textContent = e.reason ?? e.message;
    problem.hidden = false;
    button.disabled = false;
    busy.hidden = true;
  }
});
