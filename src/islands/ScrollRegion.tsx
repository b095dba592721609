import type { ReactNode } from 'react';

/**
 * A wide table or figure that scrolls sideways inside its own region, so that the page never does:
 * named for screen readers, focusable so the arrow keys scroll it. Twin of src/components/ScrollRegion.astro.
 */
export function ScrollRegion({ label, labelledBy, className, children }: { label?: string; labelledBy?: string; className?: string; children: ReactNode }) {
  return (
    <div
      className={`scroll-region${className ? ` ${className}` : ''}`}
      role="region"
      tabIndex={0}
      aria-label={labelledBy ? undefined : label}
      aria-labelledby={labelledBy}
    >
      {children}
    </div>
  );
}
