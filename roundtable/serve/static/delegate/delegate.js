// The delegate's page: draws the views the server pushes (Server-Sent Events), ticks the speaker's
// clock, and sends the delegate's taps. Texts come from the page (serve/delegate_texts.py); every
// text from the forum is put in with textContent, never as HTML.
(() => {
  "use strict";
  const page = document.getElementById("page");
  const T = JSON.parse(page.dataset.texts);
  const session = page.dataset.session;
  const token = page.dataset.token;
  const $ = (id) => document.getElementById(id);
  const now = () => Date.now() / 1000;
  let offset = parseFloat(page.dataset.serverTime) - now(); // the server's clock minus this phone's
  let state = JSON.parse(page.dataset.state);
  let mine = JSON.parse(page.dataset.mine);
  let busy = false;

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
  const clockText = (seconds) => {
    const s = Math.max(0, seconds);
    return Math.floor(s / 60) + ":" + String(Math.floor(s % 60)).padStart(2, "0");
  };
  const show = (element, visible) => { element.hidden = !visible; };
  const text = (id, value) => { $(id).textContent = value || ""; };
  const OPEN = ["waiting", "queued", "speaking", "interrupted"];

  function drawState() {
    const head = state.session;
    text("session-title", head.title);
    text("session-where", head.room);
    document.title = head.title + " · " + T.page_title;
    show($("off-record"), head.offRecord);
    show($("live"), !head.offRecord);
    if (head.offRecord) return;
    const floor = state.floor;
    text("floor-label", floor ? T.speaking_now : "");
    text("speaker", floor ? floor.name : T.floor_free);
    let where = floor ? floor.country : "";
    if (floor && floor.type !== "statement") where = [where, T.types[floor.type]].filter(Boolean).join(" · ");
    text("speaker-country", where);
    text("interrupted", (state.interrupted || []).map((name) => fill(T.resumes, { name })).join("\n"));
    const list = $("next-list");
    list.replaceChildren(...state.next.map((entry) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = entry.name;
      item.append(name);
      const extra = [entry.country, entry.type !== "statement" ? T.types[entry.type] : ""].filter(Boolean).join(" · ");
      if (extra) {
        const detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = extra;
        item.append(detail);
      }
      return item;
    }));
    const more = state.queued - state.next.length;
    text("next-more", state.queued === 0 ? T.queue_empty : more > 0 ? fill(T.and_more, { n: more }) : "");
    text("closed", T.list_closed);
    show($("closed"), state.closed);
    text("mode", head.mode === "accept" ? T.mode_accept : T.mode_review);
    tick();
    drawMine();
  }

  function tick() {
    const floor = state.floor;
    const clock = $("clock");
    clock.className = "clock";
    if (!floor || state.session.offRecord) {
      text("clock", "");
      text("clock-caption", "");
      return;
    }
    const elapsed = floor.elapsed + (floor.paused ? 0 : Math.max(0, now() + offset - state.at));
    const left = floor.limit - elapsed;
    let caption;
    if (left < 0) {
      clock.textContent = "+" + clockText(-left);
      clock.classList.add("overtime");
      caption = T.over_time;
    } else {
      clock.textContent = clockText(Math.ceil(left));
      if (left <= state.warnAt) clock.classList.add("warning");
      caption = fill(T.of_limit, { limit: clockText(floor.limit) });
    }
    if (floor.paused) caption = T.paused;
    if (state.suspended) caption = T.suspended;
    text("clock-caption", caption);
  }

  function drawMine() {
    const request = mine.request;
    const order = mine.order;
    const type = request.type ? T.types_lc[request.type] : "";
    const statuses = {
      none: T.state_none, waiting: fill(T.state_waiting, { type }),
      queued: fill(T.state_queued, { place: request.place, of: request.of }),
      speaking: T.state_speaking, interrupted: T.state_interrupted, spoken: T.state_spoken,
      declined: fill(T.state_declined, { type }), withdrawn: T.state_withdrawn, removed: T.state_removed,
    };
    text("my-status", statuses[request.state] || "");
    let forecast = "";
    if (request.state === "queued" && request.expectedAt) {
      const minutes = Math.max(1, Math.round((request.expectedAt - now() - offset) / 60));
      forecast = request.place === 1 ? T.expected_next : fill(T.expected, { time: request.expectedClock, minutes });
    }
    text("my-forecast", forecast);
    show($("my-late"), request.state === "queued" && Boolean(request.late));
    const open = OPEN.includes(request.state);
    const changeable = request.state === "waiting" || request.state === "queued";
    text("ask-label", changeable ? T.change_to : T.ask_as);
    show($("ask"), !open || changeable);
    for (const button of document.querySelectorAll("[data-ask]")) {
      const current = changeable && button.dataset.ask === request.type;
      button.setAttribute("aria-pressed", current ? "true" : "false");
      button.disabled = busy || current || (!open && state.closed);
    }
    show($("withdraw"), changeable);
    $("withdraw").disabled = busy;
    const orders = { waiting: T.order_waiting, speaking: T.order_speaking, interrupted: T.order_speaking,
                     queued: T.order_waiting, declined: T.order_declined };
    text("order-status", orders[order.state] || "");
    const orderOpen = OPEN.includes(order.state);
    show($("point-of-order"), !orderOpen);
    show($("order-hint"), !orderOpen);
    $("point-of-order").disabled = busy;
    show($("withdraw-order"), order.state === "waiting" || order.state === "queued");
    $("withdraw-order").disabled = busy;
  }

  function error(code) {
    const box = $("error");
    box.textContent = code ? T["err_" + code] || T.err_failed : "";
    show(box, Boolean(code));
  }

  async function send(path, body) {
    if (busy) return;
    busy = true;
    error(null);
    drawMine();
    try {
      const response = await fetch(path, {
        method: "POST", credentials: "same-origin", cache: "no-store",
        headers: { "Content-Type": "application/json", "X-Roundtable-Token": token },
        body: JSON.stringify(Object.assign({ session }, body)),
      });
      const answer = await response.json().catch(() => ({ ok: false, error: "failed" }));
      if (answer.serverTime) offset = answer.serverTime - now();
      if (!answer.ok) error(answer.error || "failed");
    } catch (failure) {
      error("failed");
    } finally {
      busy = false;
      drawMine();
    }
  }

  for (const button of document.querySelectorAll("[data-ask]")) {
    button.addEventListener("click", () => {
      const changeable = mine.request.state === "waiting" || mine.request.state === "queued";
      send(changeable ? "/d/retype" : "/d/ask", { type: button.dataset.ask });
    });
  }
  $("withdraw").addEventListener("click", () => send("/d/withdraw", { pointOfOrder: false }));
  $("point-of-order").addEventListener("click", () => send("/d/ask", { type: "point-of-order" }));
  $("withdraw-order").addEventListener("click", () => send("/d/withdraw", { pointOfOrder: true }));

  const stream = new EventSource("/d/events?session=" + encodeURIComponent(session));
  stream.addEventListener("state", (event) => { state = JSON.parse(event.data); drawState(); });
  stream.addEventListener("mine", (event) => { mine = JSON.parse(event.data); drawMine(); });
  stream.addEventListener("revoked", () => { stream.close(); window.location.reload(); });
  stream.addEventListener("open", () => show($("connection"), false));
  stream.addEventListener("error", () => show($("connection"), true));

  drawState();
  setInterval(tick, 1000);
})();
