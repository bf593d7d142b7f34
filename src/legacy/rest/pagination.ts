/**
 * DRF PageNumberPagination links: the request's absolute URL with `page` replaced, the query sorted
 * by key as DRF's replace_query_param does, and no `page` at all in the link to page 1.
 */
export function pageLinks(origin: string, url: URL, page: number, pages: number): { next: string | null; previous: string | null } {
  return {
    next: page < pages ? withPage(origin, url, page + 1) : null,
    previous: page > 1 ? withPage(origin, url, page - 1 === 1 ? null : page - 1) : null,
  };
}

function withPage(origin: string, url: URL, page: number | null): string {
  const query = new URLSearchParams(url.search);
  if (page === null) query.delete('page');
  else query.set('page', String(page));
  query.sort();
  const text = query.toString();
  return `${origin}${url.pathname}${text ? `?${text}` : ''}`;
}

/** `?page=`: absent → 1, `last`, a positive integer; anything else is passed on as NaN (the service answers "Invalid page."). */
export function parsePage(value: string | null): number | 'last' {
  if (value === null || value === '') return 1;
  if (value === 'last') return 'last';
  return /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

/** `?page_size=`: like DRF, anything but a positive integer means the default; the service caps it. */
export function parsePageSize(value: string | null): number | null {
  return value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}
