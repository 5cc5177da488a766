import { parseArgs } from 'node:util';
import { startLocalAuthing } from './index.js';

const HELP = `authing-local — a local Authing-compatible server

Usage: authing-local [--port 3000] [--db ./.authing-local/data.db] [--json]

  --port   TCP port on 127.0.0.1 (0 = any free port)        default 3000
  --db     SQLite file, :memory:, or postgres://user:pass@host:port/db[?schema=name]
                                                              default ./.authing-local/data.db
  --json   print one JSON line {url, userPoolId, secret, appId, appSecret, publicKey}
  --help   show this help`;

/** The database as printed: a PostgreSQL URL without its password. */
function shownDb(spec: string): string {
  if (!/^postgres(ql)?:\/\//i.test(spec)) return spec;
  const url = new URL(spec);
  if (url.password) url.password = '***';
  return url.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      db: { type: 'string', default: './.authing-local/data.db' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`authing-local: --port must be an integer from 0 to 65535, got "${values.port}"`);
    process.exitCode = 2;
    return;
  }
  const s = await startLocalAuthing({ port, db: values.db });
  const info = { url: s.url, userPoolId: s.userPoolId, secret: s.secret, appId: s.appId, appSecret: s.appSecret, publicKey: s.publicKey };
  if (values.json) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`authing-local listening on ${s.url}  (db: ${shownDb(values.db)})
  GraphQL     ${s.url}/graphql/v2
  REST        ${s.url}/api/v2
  userPoolId  ${s.userPoolId}
  secret      ${s.secret}
  appId       ${s.appId}
  appSecret   ${s.appSecret}

new ManagementClient({ userPoolId: '${s.userPoolId}', secret: '${s.secret}', host: '${s.url}' })`);
  }
  const stop = () => {
    s.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('authing-local failed to start:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
