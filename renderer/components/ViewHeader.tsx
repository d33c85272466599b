import type { ReactElement, ReactNode } from 'react';

/** The top of every area: its title, one paragraph saying what the learner sees here, its actions. */
export function ViewHeader({ title, intro, children }: { title: string; intro: string; children?: ReactNode }): ReactElement {
  // Plain elements with the app's text classes (styles.css): every view's first picture draws this.
  return (
    <div className="lotse-view-header">
      <div>
        <h2 className="lotse-h2">{title}</h2>
        <p className="lotse-text lotse-sm lotse-dimmed lotse-view-intro">{intro}</p>
      </div>
      {children ? <div className="lotse-row">{children}</div> : null}
    </div>
  );
}
