// For the page that embeds embed.html in an iframe: sets each such iframe's height from its messages.
// Only a message from that iframe's own window, shaped exactly {type: "soreness-check:height", height},
// with a whole number of pixels from 1 to 20000, is used; everything else is ignored.
//
//   <iframe class="soreness-check-frame" src=".../embed.html?lang=en" sandbox="allow-scripts" ...></iframe>
//   <script type="module" src=".../embed-host.js"></script>

const MAX_HEIGHT = 20000;

/** True for a height message and nothing else. */
export function isHeightMessage(data) {
  return (
    data !== null &&
    typeof data === 'object' &&
    Object.getPrototypeOf(data) === Object.prototype &&
    Object.keys(data).sort().join(',') === 'height,type' &&
    data.type === 'soreness-check:height' &&
    Number.isInteger(data.height) &&
    data.height > 0 &&
    data.height <= MAX_HEIGHT
  );
}

window.addEventListener('message', (event) => {
  if (!isHeightMessage(event.data)) return;
  for (const frame of document.querySelectorAll('iframe.soreness-check-frame')) {
    if (frame.contentWindow === event.source) frame.height = String(event.data.height);
  }
});
