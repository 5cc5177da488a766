import { describe, expect, it } from 'vitest';
import { usersExample } from '../../examples/users.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/users.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    const outcome = await usersExample({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url, prefix: 'ex' });
    expect(outcome).toEqual({
      found: 'ex_ada',
      batch: ['ex_linus', 'ex_ada'],
      searchTotal: 3,
      staff: ['ex_grace'],
      iterated: ['ex_linus', 'ex_grace', 'ex_ada'],
      hadToken: true,
      loggedInBefore: true,
      loggedInAfter: false,
      detail: null,
      archived: ['ex_linus'],
    });
  });
});
