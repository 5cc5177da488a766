/**
 * `npm run demo`: starts authing-local in memory and runs the quickstart through the SDK.
 * With AUTHING_USERPOOL_ID, AUTHING_USERPOOL_SECRET and AUTHING_HOST set (and AUTHING_APP_ID,
 * AUTHING_APP_HOST), it runs against that deployment instead.
 */
import { startLocalAuthing } from 'authing-local';
import { quickstart, type QuickstartConfig } from './quickstart.js';

const env = process.env;

async function main(): Promise<void> {
  if (env.AUTHING_USERPOOL_ID && env.AUTHING_USERPOOL_SECRET && env.AUTHING_HOST) {
    const host = env.AUTHING_HOST.replace(/\/+$/, '');
    if (!env.AUTHING_APP_ID) throw new Error('AUTHING_APP_ID is required with AUTHING_USERPOOL_ID');
    const config: QuickstartConfig = {
      host,
      userPoolId: env.AUTHING_USERPOOL_ID,
      secret: env.AUTHING_USERPOOL_SECRET,
      appId: env.AUTHING_APP_ID,
      appHost: (env.AUTHING_APP_HOST ?? host).replace(/\/+$/, ''),
    };
    console.log(`authing-ts quickstart against ${host}\n`);
    await quickstart(config);
    return;
  }
  const server = await startLocalAuthing({ port: 0, db: ':memory:' });
  console.log(`authing-local started at ${server.url} (in memory, user pool ${server.userPoolId})\n`);
  try {
    await quickstart({ host: server.url, userPoolId: server.userPoolId, secret: server.secret, appId: server.appId, appHost: server.url });
    console.log('\nDone. Run `npx authing-local` to keep a server running and point the SDK (or the official Authing SDKs) at it.');
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error('\nThe demo failed:', error);
  process.exitCode = 1;
});
