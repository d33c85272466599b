import { type ComponentType, type ReactElement, useState } from 'react';

/**
 * A dialog that starts empty each time it opens: whatever was typed before Cancel, Escape or a
 * submit is gone. The dialog is mounted anew on opening (not on closing, so it can fade out).
 */
export function freshOnOpen<P extends { opened: boolean }>(Dialog: ComponentType<P>): ComponentType<P> {
  function Fresh(props: P): ReactElement {
    const [generation, setGeneration] = useState(0);
    const [wasOpen, setWasOpen] = useState(props.opened);
    if (props.opened !== wasOpen) {
      setWasOpen(props.opened);
      if (props.opened) setGeneration((g) => g + 1);
    }
    return <Dialog key={generation} {...props} />;
  }
  Fresh.displayName = `Fresh(${Dialog.displayName ?? Dialog.name})`;
  return Fresh;
}
