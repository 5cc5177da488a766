/** The body of `auth.event.pub` ({@link EventAuthenticationClient} in event.ts), loaded on its first call. */
import type { RequestOptions } from '../../core/options.js';
import { eventBody } from '../event.js';
import type { AuthContext } from './context.js';

export async function pub(ctx: AuthContext, eventName: string, data: string, requestOptions?: RequestOptions): Promise<{ success: boolean }> {
  ctx.session.requireToken();
  return ctx.transport.rest.POST('/api/v3/pub-userEvent', { body: eventBody(eventName, data) }, requestOptions);
}
