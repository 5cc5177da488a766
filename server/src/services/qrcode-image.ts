import { renderSVG } from 'uqr';
import { Errors } from '../errors.js';
import type { QrPayload } from './qrcode.js';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * The image `gene` answers as `url`: a QR code of the payload's JSON (what Authing's codes encode),
 * as an SVG data URL, so a browser's `<img>` shows it with no further request. Its `<desc>` repeats
 * the JSON for readers that do not decode QR codes. Custom data too large for a QR code is 400.
 */
export function qrCodeImage(payload: QrPayload): string {
  const text = JSON.stringify(payload);
  let svg: string;
  try {
    svg = renderSVG(text, { ecc: 'M', border: 2, pixelSize: 6 });
  } catch {
    throw Errors.invalidInput('params (custom data) is too large for a QR code', 'params（自定义数据）过大，无法放入二维码');
  }
  const open = svg.indexOf('>') + 1;
  svg = `${svg.slice(0, open)}<desc>${escapeXml(text)}</desc>${svg.slice(open)}`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
