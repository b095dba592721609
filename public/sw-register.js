// Registers the service worker that keeps the course working offline (built by Workbox after the site:
// sw.js), and offers a new version when one is deployed instead of swapping it in mid-case. A plain
// file rather than an inline script, so that a strict Content-Security-Policy allows it.
(() => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // Inside a frame (a SCORM package in an LMS) the LMS owns the page: no service worker there.
  if (window.top !== window.self) return;
  const script = document.currentScript;
  const swUrl = new URL('sw.js', script ? script.src : location.href);
  let reloading = false;

  function offer(worker) {
    if (document.querySelector('[data-update-prompt]')) return;
    const box = document.createElement('div');
    box.className = 'update-prompt';
    box.setAttribute('role', 'status');
    box.setAttribute('data-update-prompt', '');
    const text = document.createElement('p');
    text.textContent = 'A new version of the course is ready. Your progress is kept in this browser either way.';
    const update = document.createElement('button');
    update.type = 'button';
    update.className = 'button-primary';
    update.textContent = 'Update now';
    update.addEventListener('click', () => worker.postMessage({ type: 'SKIP_WAITING' }));
    const later = document.createElement('button');
    later.type = 'button';
    later.className = 'button-secondary';
    later.textContent = 'Later';
    later.addEventListener('click', () => box.remove());
    box.append(text, update, later);
    document.body.append(box);
  }

  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register(swUrl, { scope: new URL('./', swUrl).pathname })
      .then((registration) => {
        // A worker already waiting (deployed while this tab was closed), or one that finishes installing now.
        if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const incoming = registration.installing;
          if (!incoming) return;
          incoming.addEventListener('statechange', () => {
            if (incoming.state === 'installed' && navigator.serviceWorker.controller) offer(incoming);
          });
        });
      })
      .catch(() => {
        // No service worker (a preview without a build, a blocked browser): the course works online as before.
      });
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // Only reload when the learner asked for the update (a first install also changes the controller).
      if (reloading || !document.querySelector('[data-update-prompt]')) return;
      reloading = true;
      location.reload();
    });
  });
})();
