import { presentConversation, presentMessageFor, presentUser } from '../presenters.js';
import { fieldErrors } from './errors.js';
import { pageLinks, parsePage, parsePageSize } from './pagination.js';
import { ok, roomParam, type Route } from './route.js';

/** Users, conversations and paged history. */
export const chatRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/users\/?$/,
    async handle({ url, services, limits, viewer }) {
      const page = await services.users.search(await viewer(), { search: url.searchParams.get('search'), first: limits.pageMaxSize });
      return ok(page.items.map(presentUser));
    },
  },
  {
    method: 'GET',
    path: /^\/conversations\/?$/,
    async handle({ services, viewer, fileUrl }) {
      const me = await viewer();
      return ok((await services.conversations.listAll(me)).map((c) => presentConversation(c, me.id, fileUrl)));
    },
  },
  {
    // the old README said /conversation/<name>, the old code /conversations/<name>/
    method: 'GET',
    path: /^\/conversations?\/([^/]*)\/?$/,
    async handle(ctx) {
      const me = await ctx.viewer();
      return ok(presentConversation(await ctx.services.conversations.get(me, roomParam(ctx)), me.id, ctx.fileUrl));
    },
  },
  {
    method: 'GET',
    path: /^\/messages\/?$/,
    async handle({ url, origin, services, viewer, fileUrl }) {
      const me = await viewer();
      const conversation = url.searchParams.get('conversation');
      if (!conversation) throw fieldErrors({ conversation: 'This field is required.' });
      const page = await services.messages.historyPage(me, {
        conversation,
        page: parsePage(url.searchParams.get('page')),
        pageSize: parsePageSize(url.searchParams.get('page_size')),
      });
      const { next, previous } = pageLinks(origin, url, page.page, Math.max(1, Math.ceil(page.count / page.pageSize)));
      return ok({ count: page.count, next, previous, results: page.items.map((m) => presentMessageFor(m, me.id, fileUrl)) });
    },
  },
];
