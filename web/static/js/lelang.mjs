// The reverse-auction page: sends a price without reloading (showing the
// refusal reason inline), follows the live ranking over server-sent events
// (/tender/{id}/lelang/aliran) and counts down to the close by the server's
// clock (each event carries the server's "now").
const section = document.getElementById('auction');

function reasonText(reason) {
  const item = document.querySelector(`#auction-reasons li[data-reason="${CSS.escape(reason)}"]`);
  return item ? item.textContent : reason;
}

function startCountdown(state) {
  const out = document.getElementById('auction-countdown');
  if (!out) return;
  const tick = () => {
    const serverNow = Date.now() * 1000 + state.offset;
    let left = Math.max(0, Math.floor((state.closes - serverNow) / 1e6));
    const h = Math.floor(left / 3600);
    left %= 3600;
    const m = Math.floor(left / 60);
    const s = left % 60;
    out.textContent = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  };
  tick();
  setInterval(tick, 1000);
}

function renderRanking(data, insider) {
  const body = document.getElementById('auction-rows');
  if (!body) return;
  const mineWord = document.getElementById('auction-word-mine')?.textContent ?? '';
  const rows = data.ranking.map((r) => {
    const tr = document.createElement('tr');
    tr.setAttribute('data-testid', 'ranking-row');
    tr.dataset.rank = String(r.rank);
    if (r.mine) tr.dataset.mine = '1';
    const cells = [String(r.rank)];
    if (insider) cells.push(r.company ?? '', String(r.bids ?? ''));
    cells.push(r.price_text);
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    if (r.mine) {
      const tag = document.createElement('span');
      tag.className = 'tag tag-ok';
      tag.textContent = mineWord;
      tr.lastChild.append(' ', tag);
    }
    return tr;
  });
  body.replaceChildren(...rows);
  section.dataset.version = String(data.v);
}

if (section) {
  const tender = section.dataset.tender;
  const insider = section.dataset.insider === '1';
  const state = {
    closes: Number(section.dataset.closes),
    offset: Number(section.dataset.now) - Date.now() * 1000,
  };
  startCountdown(state);

  const events = new EventSource(`/tender/${tender}/lelang/aliran`);
  const onData = (e) => {
    const data = JSON.parse(e.data);
    state.offset = data.now - Date.now() * 1000;
    state.closes = data.closes_at;
    renderRanking(data, insider);
    return data;
  };
  events.addEventListener('ranking', onData);
  events.addEventListener('closed', (e) => {
    onData(e);
    events.close();
    const form = document.getElementById('auction-form');
    if (form) form.querySelector('button').disabled = true;
    const live = document.getElementById('auction-live');
    if (live) live.dataset.closed = '1';
  });

  const form = document.getElementById('auction-form');
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = document.getElementById('auction-result');
    const price = form.elements.price.value.replace(/[^0-9]/g, '');
    const csrf = form.elements._csrf.value;
    const res = await fetch(`/api/v1/tenders/${tender}/lelang`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ price }),
    });
    let body = {};
    try { body = await res.json(); } catch { /* not JSON */ }
    if (res.ok) {
      out.className = 'alert alert-ok';
      out.dataset.outcome = 'ok';
      out.textContent = `${body.price_text} · #${body.rank}`;
      form.elements.price.value = '';
    } else {
      const reason = body?.error?.reason ?? `HTTP ${res.status}`;
      out.className = 'alert alert-error';
      out.dataset.outcome = 'refused';
      out.dataset.reason = reason;
      out.textContent = reasonText(reason);
    }
  });
}
