/**
 * The browser view of `startScanning`: the server's QR image and one line of text under it, in the
 * element with the given id (created at the end of `<body>` when there is none). Text is set with
 * `textContent` only, never parsed as HTML. Without a DOM (Node, workers) there is no view.
 */

export interface QrCodeView {
  /** Replaces the line under the image. */
  say(text: string): void;
}

export function renderQrCode(domId: string, url: string, size: { width: number; height: number }, title: string): QrCodeView | undefined {
  const doc = typeof document === 'undefined' ? undefined : document;
  if (!doc?.body) return undefined;
  let node = doc.getElementById(domId);
  if (!node) {
    node = doc.createElement('div');
    node.id = domId;
    doc.body.appendChild(node);
  }
  const image = doc.createElement('img');
  image.src = url;
  image.width = size.width;
  image.height = size.height;
  image.alt = 'QR code';
  const tip = doc.createElement('p');
  tip.textContent = title;
  node.replaceChildren(image, tip);
  return {
    say(text) {
      tip.textContent = text;
    },
  };
}
