// Registers the service worker (offline use) and, when a newer version has been downloaded, offers
// a reload instead of switching under a person's feet: the new worker waits until they choose it.
// The offer's words are in the page already (#update-offer, made from the knowledge base at build time).

const workerUrl = new URL('../sw.js', import.meta.url);

function offerReload(waiting) {
  const offer = document.getElementById('update-offer');
  if (!offer) return;
  offer.hidden = false;
  offer.querySelector('button').addEventListener('click', () => waiting.postMessage('skip-waiting'), { once: true });
}

async function register() {
  const registration = await navigator.serviceWorker.register(workerUrl, { scope: new URL('../', import.meta.url).pathname });
  // Reload once the waiting worker has taken over (only after the person asked for it).
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (registration.active && !reloading && document.getElementById('update-offer')?.dataset.accepted) {
      reloading = true;
      window.location.reload();
    }
  });
  const watch = (worker) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offerReload(worker);
    });
  };
  if (registration.waiting && navigator.serviceWorker.controller) offerReload(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}

if ('serviceWorker' in navigator && window.isSecureContext) {
  document.getElementById('update-offer')?.addEventListener('click', (event) => {
    if (event.target.closest('button')) event.currentTarget.dataset.accepted = 'true';
  });
  register().catch(() => {
    // Without a worker the app still works online; offline use is simply unavailable.
  });
}
