/**
 * authing-local as a SAML 2.0 identity provider, tested by a service provider built with the same
 * library (samlify): metadata, SP-initiated sign-in over HTTP-Redirect and HTTP-POST, the signed
 * assertion verified by the SP against the metadata's certificate, a tampered one refused, and a
 * request from an SP the app does not know refused before any sign-in.
 */
import * as validator from '@authenio/samlify-node-xmllint';
import { AuthenticationClient } from 'authing-ts';
import * as samlify from 'samlify';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormBrowser, type Page } from './form-browser.js';
import { adminToken, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'saml-pa55word!';
const ACS = 'http://127.0.0.1:9/saml/acs';
const SP_ENTITY = 'urn:authing-local:test-sp';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

samlify.setSchemaValidator({ validate: (xml: string) => validator.validate(xml) as Promise<string> });

let appId: string;
let idp: ReturnType<typeof samlify.IdentityProvider>;
const sp = samlify.ServiceProvider({ entityID: SP_ENTITY, assertionConsumerService: [{ Binding: POST, Location: ACS }], wantAssertionsSigned: true });

beforeAll(async () => {
  appId = (await h.management.applications.create({ name: uid('saml-app'), identifier: uid('saml') })).id;
  const res = await fetch(`${h.server.url}/api/v2/applications/${appId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken(h)}`, 'x-authing-userpool-id': h.server.userPoolId },
    body: JSON.stringify({ samlConfig: { acs: ACS, audience: SP_ENTITY, nameIdFormat: 'email' } }),
  });
  expect(((await res.json()) as { data: { samlProviderEnabled: boolean } }).data.samlProviderEnabled).toBe(true);
  const metadata = await (await fetch(`${h.server.url}/api/v2/saml-idp/${appId}/metadata`)).text();
  idp = samlify.IdentityProvider({ metadata });
});

async function newUser(): Promise<string> {
  const username = uid('saml');
  await h.management.users.create({ username, password: PASSWORD, email: `${username}@example.com` });
  return username;
}

/** The SAMLResponse and RelayState the IdP's page posts to the ACS. */
function posted(page: Page): { action: string; SAMLResponse: string; RelayState?: string } {
  const form = /<form method="post" action="([^"]+)" id="saml-response">([\s\S]*?)<\/form>/.exec(page.html);
  if (!form) throw new Error(`no SAML response form:\n${page.html}`);
  const field = (name: string) => [...form[2]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].find((m) => m[1] === name)?.[2];
  const relay = field('RelayState');
  return { action: form[1]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))), SAMLResponse: field('SAMLResponse')!, ...(relay ? { RelayState: relay } : {}) };
}

describe('authing-local as a SAML identity provider', () => {
  it('publishes metadata with its signing certificate and both SSO bindings', async () => {
    const xml = await (await fetch(`${h.server.url}/api/v2/saml-idp/${appId}/metadata`)).text();
    expect(xml).toContain(`entityID="${h.server.url}/api/v2/saml-idp/${appId}/metadata"`);
    expect(xml).toContain('<ds:X509Certificate>');
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect');
    expect(xml).toContain(POST);
    expect((await fetch(`${h.server.url}/api/v2/saml-idp/no-such-app/metadata`)).status).toBe(404);
  });

  it('signs a user in for an SP-initiated request over HTTP-Redirect, with a signed assertion the SP verifies', async () => {
    const username = await newUser();
    const { id, context } = sp.createLoginRequest(idp, 'redirect') as { id: string; context: string };
    const browser = new FormBrowser('never://');
    const login = await browser.open(context);
    expect(login.html).toContain('id="login-form"');
    const answer = await browser.submit(login, 'login-form', { account: username, password: PASSWORD });
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    const { action, SAMLResponse } = posted(answer);
    expect(action).toBe(ACS);
    const { extract } = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse } });
    expect(extract.nameID).toBe(`${username}@example.com`);
    expect(extract.response?.inResponseTo).toBe(id);
    expect(extract.audience).toBe(SP_ENTITY);
    expect(extract.attributes).toMatchObject({ username, email: `${username}@example.com`, sub: expect.any(String) });

    // A response whose assertion was changed after signing fails the SP's check.
    const xml = Buffer.from(SAMLResponse, 'base64').toString('utf8');
    const tampered = Buffer.from(xml.replace(`${username}@example.com`, 'mallory@example.com')).toString('base64');
    await expect(sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: tampered } })).rejects.toBeTruthy();

    // Signed in: an HTTP-POST request goes straight to the response, RelayState kept.
    const request = sp.createLoginRequest(idp, 'post') as { context: string; entityEndpoint: string };
    const again = await browser.open(request.entityEndpoint, { method: 'POST', form: { SAMLRequest: request.context, RelayState: 'back-to/page' } });
    const second = posted(again);
    expect(second.RelayState).toBe('back-to/page');
    expect((await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: second.SAMLResponse } })).extract.nameID).toBe(`${username}@example.com`);
  });

  it('starts an IdP-initiated sign-in at the SDK\'s SAML URL', async () => {
    const username = await newUser();
    const auth = new AuthenticationClient({ appId, appHost: h.server.url, protocol: 'saml' });
    const browser = new FormBrowser('never://');
    const login = await browser.open(auth.buildAuthorizeUrl());
    const answer = await browser.submit(login, 'login-form', { account: username, password: PASSWORD });
    const { SAMLResponse } = posted(answer);
    const { extract } = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse } });
    expect(extract.nameID).toBe(`${username}@example.com`);
    expect(extract.attributes).toMatchObject({ username });
    expect(Buffer.from(SAMLResponse, 'base64').toString('utf8')).not.toContain('InResponseTo');
  });

  it('refuses a request from a service provider the app does not know, and one for another ACS', async () => {
    const stranger = samlify.ServiceProvider({ entityID: 'urn:someone-else', assertionConsumerService: [{ Binding: POST, Location: ACS }] });
    const { context } = stranger.createLoginRequest(idp, 'redirect') as { context: string };
    expect((await fetch(context)).status).toBe(400);
    const elsewhere = samlify.ServiceProvider({ entityID: SP_ENTITY, assertionConsumerService: [{ Binding: POST, Location: 'http://127.0.0.1:9/evil' }] });
    expect((await fetch((elsewhere.createLoginRequest(idp, 'redirect') as { context: string }).context)).status).toBe(400);
    expect((await fetch(`${h.server.url}/api/v2/saml-idp/${appId}?SAMLRequest=not-a-request`)).status).toBe(400);
  });
});
