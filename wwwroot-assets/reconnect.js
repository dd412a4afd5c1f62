// Starts Blazor with reconnection that never gives up, and says on the page when central is away: the wall display
// runs unattended for weeks, so every way out of an outage ends in a live page again without a hand on the keyboard.
// The banner is Components/ReconnectBanner.razor; Blazor reports its states on it (components-reconnect-state-changed).
(() => {
  'use strict';

  const banner = document.getElementById('components-reconnect-modal');
  const words = banner?.querySelector('.central-away-text');

  // Between two tries: 1 s, 2 s, then every 5 s. Quick for a blip, light on a central that is down for hours.
  const retryDelay = previousAttempts => previousAttempts === 0 ? 1000 : previousAttempts === 1 ? 2000 : 5000;
  const healthPeriodMs = 5000;
  const healthTimeoutMs = 4000;

  let since = null;
  let attempt = 0;
  let waitingForCentral = false;
  const inerted = [];

  const twoDigits = n => String(n).padStart(2, '0');
  // 24-hour browser local time, whatever the browser's language.
  const timeOfDay = d => `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}:${twoDigits(d.getSeconds())}`;

  function sayAway() {
    const tries = attempt > 0 ? ` (attempt ${attempt})` : '';
    words.textContent = `Central is not answering since ${timeOfDay(since)} - reconnecting${tries}`;
  }

  function show() {
    since ??= new Date();
    banner.classList.remove('central-back');
    banner.hidden = false;
    document.documentElement.classList.add('central-is-away');
    // The last picture stays in view under the banner's veil; inert takes it out of reach of keys, clicks and
    // screen readers, as nothing on it can answer without central.
    for (const element of document.body.children) {
      if (element === banner || element.tagName === 'SCRIPT' || element.inert) continue;
      element.inert = true;
      inerted.push(element);
    }
  }

  function hide() {
    banner.hidden = true;
    document.documentElement.classList.remove('central-is-away');
    for (const element of inerted.splice(0)) element.inert = false;
    since = null;
    attempt = 0;
  }

  async function centralAnswers() {
    try {
      const response = await fetch(new URL('healthz', document.baseURI), {
        cache: 'no-store',
        credentials: 'same-origin',
        signal: AbortSignal.timeout(healthTimeoutMs),
      });
      return response.ok;
    } catch {
      return false; // refused, reset or timed out: still away
    }
  }

  const delay = ms => new Promise(resolve => setTimeout(resolve, ms));

  // The circuit cannot come back (central restarted and forgot it, or Blazor stopped trying): a fresh load of the
  // same URL (?edge=..., /wall) starts a new one, once central's health endpoint answers, so the reload never lands
  // on a central that is still away and leaves the browser's error page where nothing would ever reload again.
  async function reloadWhenCentralAnswers() {
    if (waitingForCentral) return;
    waitingForCentral = true;
    show();
    for (;;) {
      if (await centralAnswers()) {
        banner.classList.add('central-back');
        words.textContent = 'Central is back - reloading';
        location.reload();
        return;
      }
      await delay(healthPeriodMs);
      attempt++;
      sayAway();
    }
  }

  function onStateChanged(event) {
    const detail = event.detail;
    switch (detail.state) {
      case 'show':
        show();
        sayAway();
        break;
      case 'retrying':
        // Reported every second while waiting for the next try: only a new attempt changes the words.
        if (!waitingForCentral && detail.currentAttempt !== attempt) {
          attempt = detail.currentAttempt;
          sayAway();
        }
        break;
      case 'hide':
        // Back on the same circuit (central was away for a moment, not restarted): the page is live as it was.
        if (!waitingForCentral) hide();
        break;
      case 'rejected':
      case 'failed':
      case 'resume-failed':
        reloadWhenCentralAnswers();
        break;
    }
  }

  banner?.addEventListener('components-reconnect-state-changed', onStateChanged);

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: Infinity,
        retryIntervalMilliseconds: retryDelay,
      },
    },
  });
})();
