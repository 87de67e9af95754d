// roundtable venue: a browser that loses the network for a few seconds gets its session back.
//
// textual.js opens one WebSocket and shows "Session ended" when it closes. Loaded before it, this
// replaces window.WebSocket with a socket that, when the connection breaks (no closing handshake:
// code 1006), reconnects to the same URL, which names this page's session on the server, until the
// server's grace period has passed. A normal close (the app ended: 1000; the server stopped: 1001;
// a refusal) still ends the session at once. Keys typed while the network is away are dropped.
(function () {
  "use strict";
  const NativeWebSocket = window.WebSocket;
  const script = document.currentScript;
  const GRACE_MS = Number(script && script.dataset.graceMs) || 0;
  const RETRY_MS = 1000;

  class ResumingWebSocket extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this._binaryType = "blob";
      this.opened = false;
      this.giveUpAt = null;
      this.lastResize = null;
      this.connect();
    }
    get binaryType() { return this._binaryType; }
    set binaryType(value) { this._binaryType = value; if (this.socket) this.socket.binaryType = value; }
    get readyState() { return this.socket.readyState; }
    connect() {
      const socket = new NativeWebSocket(this.url);
      socket.binaryType = this._binaryType;
      this.socket = socket;
      socket.addEventListener("open", () => {
        this.giveUpAt = null;
        if (!this.opened) {
          this.opened = true;
          this.dispatchEvent(new Event("open"));
        } else if (this.lastResize) {
          socket.send(this.lastResize);
        }
      });
      socket.addEventListener("message", (event) => {
        this.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      socket.addEventListener("close", (event) => {
        if (socket !== this.socket) return;
        const broken = event.code === 1006 && this.opened && GRACE_MS > 0;
        const now = Date.now();
        if (broken && this.giveUpAt === null) this.giveUpAt = now + GRACE_MS;
        if (broken && now < this.giveUpAt) {
          setTimeout(() => this.connect(), RETRY_MS);
          return;
        }
        this.dispatchEvent(new CloseEvent("close", { code: event.code, reason: event.reason }));
      });
    }
    send(data) {
      if (typeof data === "string" && data.startsWith('["resize"')) this.lastResize = data;
      if (this.socket.readyState === NativeWebSocket.OPEN) this.socket.send(data);
    }
    close(code, reason) { this.giveUpAt = 0; this.socket.close(code, reason); }
  }
  ResumingWebSocket.CONNECTING = 0;
  ResumingWebSocket.OPEN = 1;
  ResumingWebSocket.CLOSING = 2;
  ResumingWebSocket.CLOSED = 3;
  window.WebSocket = ResumingWebSocket;

  // The projector's page (data-fit-rows): a font as large as the window holds that many lines (and
  // at least 60 columns), so that the hall reads the speaker from the back. textual.js reads the
  // size when the page has loaded, after this.
  const ADVANCE = 0.6; // Roboto Mono: a cell's width per pixel of font size
  const LINE = 1.17; // and its height
  const MIN_COLUMNS = 60;
  window.addEventListener("DOMContentLoaded", () => {
    const terminal = document.getElementById("terminal");
    const rows = Number(terminal && terminal.dataset.fitRows) || 0;
    if (rows > 0) {
      const size = Math.floor(Math.min(window.innerHeight / (rows * LINE), window.innerWidth / (MIN_COLUMNS * ADVANCE)));
      terminal.dataset.fontSize = String(Math.max(16, Math.min(size, 96)));
    }
  });

  window.addEventListener("DOMContentLoaded", () => {
    const restart = document.getElementById("restart");
    if (restart) restart.addEventListener("click", () => window.location.reload());
  });
})();
