/** The `/__local/` endpoints: importing a file registers its routes (routes.ts holds the dispatcher and the outbox). */
export { handleLocal } from './routes.js';
import './files.js';
import './mfa.js';
import './qrcode.js';
import './events.js';
