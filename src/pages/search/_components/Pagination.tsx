import type { MouseEvent } from 'react';
import type { SearchQuery } from '../../../lib/search/types.ts';
import { searchHref } from './url-state.ts';

/** Deepest page the API serves (query-params.ts). */
const maxPage = 1000;

interface Props {
  query: SearchQuery;
  total: number;
  page: number;
  perPage: number;
  /** Called instead of following a link once the island runs. */
  onPage: (page: number, event: MouseEvent<HTMLAnchorElement>) => void;
}

/** Previous / "Page N of M" / Next: real links, so paging works without JavaScript. */
export default function Pagination({ query, total, page, perPage, onPage }: Props) {
  const pages = Math.min(Math.ceil(total / perPage), maxPage);
  if (pages <= 1) return null;
  const link = (to: number, text: string, rel: 'prev' | 'next') =>
    to >= 1 && to <= pages ? (
      <a href={searchHref({ ...query, page: to })} rel={rel} onClick={(event) => onPage(to, event)}>
        {text}
      </a>
    ) : (
      <span aria-disabled="true">{text}</span>
    );
  return (
    <nav className="pager" aria-label="Result pages">
      {link(page - 1, '← Previous', 'prev')}
      <span>
        Page {page} of {pages}
      </span>
      {link(page + 1, 'Next →', 'next')}
    </nav>
  );
}
