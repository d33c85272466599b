import '@xterm/xterm/css/xterm.css';

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { type ReactElement, useEffect, useRef } from 'react';

import type { SessionEvent } from '@shared/dto/containers';

/** How a terminal session is opened, fed and sized (the area's own methods and topic). */
export interface SessionDriver {
  open(size: { cols: number; rows: number }): Promise<{ session: string }>;
  subscribe(session: string, onEvent: (event: SessionEvent) => void): () => void;
  input(session: string, data: string): void;
  resize(session: string, size: { cols: number; rows: number }): void;
}

export type TerminalStatus = { kind: 'connecting' } | { kind: 'open' } | { kind: 'ended'; code?: number | undefined; reason: string };

/**
 * xterm.js bound to a session: it opens when shown (again when `run` changes), sends keystrokes and
 * sizes, writes the output, and ends the session when it goes away.
 */
export function SessionTerminal({ driver, run, onStatus, exitText, height = 'calc(100vh - 420px)' }: { driver: SessionDriver; run: string; onStatus: (status: TerminalStatus) => void; exitText: (code: number | undefined, reason: string) => string; height?: string }): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const props = useRef({ driver, onStatus, exitText });
  useEffect(() => {
    props.current = { driver, onStatus, exitText };
  }, [driver, onStatus, exitText]);

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const term = new Terminal({ cursorBlink: true, fontSize: 13, scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    let session: string | undefined;
    let off: (() => void) | undefined;
    let closed = false;
    props.current.onStatus({ kind: 'connecting' });
    const typed = term.onData((data) => {
      if (session) props.current.driver.input(session, data);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        fit.fit();
        if (session) props.current.driver.resize(session, { cols: term.cols, rows: term.rows });
      }, 100);
    });
    observer.observe(element);
    props.current.driver
      .open({ cols: term.cols, rows: term.rows })
      .then(({ session: opened }) => {
        if (closed) return;
        session = opened;
        props.current.onStatus({ kind: 'open' });
        off = props.current.driver.subscribe(opened, (event) => {
          if (event.data) term.write(event.data);
          if (event.exit) {
            term.write(`\r\n\x1b[2m[${props.current.exitText(event.exit.code, event.exit.reason)}]\x1b[0m\r\n`);
            props.current.onStatus({ kind: 'ended', code: event.exit.code, reason: event.exit.reason });
          }
        });
        term.focus();
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        term.write(`\x1b[31m${message}\x1b[0m\r\n`);
        props.current.onStatus({ kind: 'ended', reason: message });
      });
    return () => {
      closed = true;
      clearTimeout(timer);
      observer.disconnect();
      typed.dispose();
      off?.();
      term.dispose();
    };
  }, [run]);

  return <div ref={host} style={{ height, minHeight: 240, background: '#000', padding: 4, borderRadius: 4 }} data-testid="terminal" />;
}
