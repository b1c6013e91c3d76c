// Registers the service worker (offline use) and, when a newer version has been downloaded, offers
// a reload instead of switching under a person's feet: the new worker waits until they choose it.
// The offer's words are in the page already (#update-offer, made from the knowledge base at build time).

function offerReload(waiting) {
  const offer = document.getElementById('update-offer');
  if (!offer) return;
  offer.hidden = false;
  offer.querySelector('button').addEventListener('click', () => waiting.postMessage('skip-waiting'), { once: true });
}

async function register(site) {
  const registration = await navigator.serviceWorker.register(new URL('sw.js', site), { scope: new URL(site).pathname });
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

/**
 * Registers the site's service worker (sw.js in `site`, the folder of the site's root) for the whole site.
 * @param {URL|string} site
 */
export function registerServiceWorker(site) {
  if (!('serviceWorker' in navigator && window.isSecureContext)) return;
  document.getElementById('update-offer')?.addEventListener('click', (event) => {
    if (event.target.closest('button')) event.currentTarget.dataset.accepted = 'true';
  });
  register(site).catch(() => {
    // Without a worker the app still works online; offline use is simply unavailable.
  });
}
