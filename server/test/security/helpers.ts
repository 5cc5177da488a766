import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { scryptHasher, type PasswordHasher } from '../../src/auth/password.js';
import { startLocalAuthing, type LocalAuthing, type StartOptions } from '../../src/index.js';
import { testDatabase } from '../support/databases.js';

/** One GraphQL answer as authing-local sends it: errors carry Authing's `{code, message}` object. */
export interface GqlAnswer<T = Record<string, unknown>> {
  data: T | null;
  errors?: Array<{ message: { code: number; message: string; data?: unknown }; path?: Array<string | number> }>;
}

/** A running server plus the few calls the security tests make over real HTTP. */
export interface Server {
  s: LocalAuthing;
  /** A management token of the server's first pool. */
  admin: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlAnswer<T>>;
  /** Creates a user of the first pool (management) and answers its id. */
  createUser(input: Record<string, unknown>): Promise<string>;
  /** Logs in by username (plaintext password, as hand-written clients may send) and answers the token. */
  login(username: string, password: string): Promise<string>;
  /** The user as management reads it. */
  read(id: string, fields?: string): Promise<Record<string, unknown>>;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Starts one server for the calling test file (port 0, in memory) and closes it afterwards. */
export function useServer(options: Omit<StartOptions, 'port' | 'db'> = {}): Server {
  const server = {} as Server;
  beforeAll(async () => {
    const s = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined, ...options });
    server.s = s;
    server.gql = async (query, variables = {}, headers = {}) => {
      const res = await fetch(`${s.url}/graphql/v2`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-authing-userpool-id': s.userPoolId, 'x-authing-app-id': s.appId, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlAnswer<never>;
    };
    const token = await server.gql<{ accessToken: { accessToken: string } }>(
      'query($id: String!, $secret: String!) { accessToken(userPoolId: $id, secret: $secret) { accessToken } }',
      { id: s.userPoolId, secret: s.secret },
    );
    server.admin = token.data?.accessToken.accessToken ?? '';
    server.createUser = async (input) => {
      const r = await server.gql<{ createUser: { id: string } }>('mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', { u: input }, bearer(server.admin));
      if (!r.data) throw new Error(`createUser failed: ${JSON.stringify(r.errors)}`);
      return r.data.createUser.id;
    };
    server.login = async (username, password) => {
      const r = await server.gql<{ loginByUsername: { token: string } }>(
        'mutation($i: LoginByUsernameInput!) { loginByUsername(input: $i) { token } }',
        { i: { username, password } },
      );
      if (!r.data?.loginByUsername) throw new Error(`login failed: ${JSON.stringify(r.errors)}`);
      return r.data.loginByUsername.token;
    };
    server.read = async (id, fields = 'id username email nickname blocked emailVerified phoneVerified loginsCount') => {
      const r = await server.gql<{ user: Record<string, unknown> }>(`query($id: String) { user(id: $id) { ${fields} } }`, { id }, bearer(server.admin));
      if (!r.data?.user) throw new Error(`read failed: ${JSON.stringify(r.errors)}`);
      return r.data.user;
    };
  });
  afterAll(async () => {
    await server.s?.close();
  });
  return server;
}

/** The codes of an answer's errors, in order. */
export const codes = (answer: GqlAnswer<unknown>): number[] => (answer.errors ?? []).map((e) => e.message.code);

/** Encrypts a password with a pool's public key, as the SDKs do (RSA PKCS#1 v1.5, base64). */
export const encrypt = (password: string, publicKeyPem: string): string =>
  publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password)).toString('base64');

/** 256 random bytes in base64: the size of a ciphertext of the pools' 2048-bit keys, almost never well padded. */
export const randomCiphertext = (): string => randomBytes(256).toString('base64');

/** A scrypt hasher that counts its calls, and can be told to run something on each call. */
export function countingHasher(onCall?: (kind: 'hash' | 'verify') => Promise<void> | void) {
  const calls = { hash: 0, verify: 0 };
  const hasher: PasswordHasher = {
    async hash(password) {
      calls.hash += 1;
      await onCall?.('hash');
      return scryptHasher.hash(password);
    },
    async verify(password, encoded) {
      calls.verify += 1;
      await onCall?.('verify');
      return scryptHasher.verify(password, encoded);
    },
  };
  return { calls, hasher };
}

/** A unique name per call, so tests within one file never collide. */
export const unique = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}_${(n++).toString(36)}_${randomBytes(3).toString('hex')}`;
})();
