import { useEffect, type ReactNode } from 'react';

/** The page's h1, also used as the document title so screen-reader users hear where they are. */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Schakel`;
  }, [title]);
  return (
    <div className="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
