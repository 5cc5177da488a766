/**
 * Sign-in with OpenID Connect in a Node web app, with authing-ts: `/login` sends the browser to the
 * hosted login page with a PKCE challenge (the verifier stays on the server, keyed by `state`),
 * `/callback` exchanges the code for tokens, checks the id_token against the provider's keys, and
 * reads the user's claims. Plain node:http, no framework. Compiled by examples/tsconfig.json and
 * run against authing-local by test/integration/oidc-examples.test.ts, which plays the browser.
 */
import { AuthenticationClient, AuthingError } from 'authing-ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OidcAppConfig {
  appId: string;
  appSecret: string;
  /** The app's host (Authing's app domain, or authing-local's URL). */
  appHost: string;
}

/** Starts the web app on a free port; its `/callback` must be a redirect URI of the application. */
export async function startOidcApp({ appId, appSecret, appHost }: OidcAppConfig): Promise<{ url: string; close(): Promise<void> }> {
  const pending = new Map<string, { verifier: string; nonce: string }>();
  let auth: AuthenticationClient | undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    void (async () => {
      if (url.pathname === '/login') {
        // One verifier per sign-in; the challenge goes in the URL, the verifier never leaves the server.
        const verifier = auth!.generateCodeChallenge();
        const state = auth!.generateCodeChallenge();
        const nonce = auth!.generateCodeChallenge();
        pending.set(state, { verifier, nonce });
        const location = auth!.buildAuthorizeUrl({
          state,
          nonce,
          scope: 'openid profile email',
          codeChallenge: await auth!.getCodeChallengeDigest({ codeChallenge: verifier, method: 'S256' }),
          codeChallengeMethod: 'S256',
        });
        res.writeHead(302, { location }).end();
        return;
      }
      if (url.pathname === '/callback') {
        const flow = pending.get(url.searchParams.get('state') ?? '');
        pending.delete(url.searchParams.get('state') ?? '');
        if (!flow) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unknown state' }));
          return;
        }
        try {
          const tokens = await auth!.getAccessTokenByCode(url.searchParams.get('code') ?? '', { codeVerifier: flow.verifier });
          // Signature, issuer, audience and expiry, against the provider's JWKS; then the nonce.
          const claims = await auth!.validateToken({ idToken: tokens.id_token! });
          if (claims.nonce !== flow.nonce) throw new Error('nonce mismatch');
          const user = await auth!.getUserInfoByAccessToken(tokens.access_token, { method: 'GET', tokenPlace: 'header' });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ signedIn: user.sub, email: user.email ?? null }));
        } catch (error) {
          // An AuthingProtocolError keeps the OAuth code, e.g. invalid_grant for a used code.
          const code = error instanceof AuthingError ? error.code : 500;
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String((error as Error).message), code }));
        }
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  auth = new AuthenticationClient({ appId, appHost, secret: appSecret, redirectUri: `${url}/callback` });
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
