import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a phone. The box takes keyboard focus (arrow keys then scroll it) and is named,
 * so a screen reader announces what it holds.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
