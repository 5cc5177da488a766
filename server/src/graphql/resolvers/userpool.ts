import type { Resolvers } from '../../generated/graphql.js';
import * as userpool from '../../services/userpool.js';
import * as whitelist from '../../services/whitelist.js';
import { manage } from './shared.js';

/** The user pool's settings and its registration whitelist (management only). */
export const userpoolResolvers: Resolvers = {
  Query: {
    async userpool(_p, _args, { rc }) {
      return userpool.getUserpool(await manage(rc));
    },
    async whitelist(_p, { type }, { rc }) {
      return whitelist.listWhitelist(await manage(rc), type);
    },
  },
  Mutation: {
    async updateUserpool(_p, { input }, { rc }) {
      return userpool.updateUserpool(await manage(rc), input);
    },
    async addWhitelist(_p, { type, list }, { rc }) {
      return whitelist.addWhitelist(await manage(rc), type, list);
    },
    async removeWhitelist(_p, { type, list }, { rc }) {
      return whitelist.removeWhitelist(await manage(rc), type, list);
    },
  },
};
