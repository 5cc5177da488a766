import { describe, expect, it } from 'vitest';
import { policiesExample } from '../../examples/policies.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/policies.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    const outcome = await policiesExample({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url, prefix: 'ex' });
    expect(outcome).toEqual({
      before: true,
      denied: false,
      restored: true,
      statements: [{ resource: 'books:*', actions: ['books:read'], effect: 'DENY', condition: [] }],
      assigned: [outcome.readerId],
      readerId: expect.any(String),
    });
  });
});
