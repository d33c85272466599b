import { maskSecrets } from '@shared/rules/secrets';

import type { JournalEntry } from '../stores/journal';

export interface JournalExportOptions {
  language: 'de' | 'en';
  /** When the export was made (epoch ms); the header says it. */
  now: number;
  /** Trainer mode: hide passwords and tokens in commands and messages. */
  hideSecrets: boolean;
  /** An optional title for the handout, e.g. the course day. */
  title?: string;
}

const texts = {
  de: {
    title: 'Lotse-Journal',
    exported: 'Exportiert',
    count: (n: number) => `${String(n)} ${n === 1 ? 'Aktion' : 'Aktionen'}`,
    intro: [
      'Jede Aktion, die in Lotse ausgeführt wurde, mit dem Befehl, für den sie steht.',
      'Zum Nachvollziehen im Terminal: Zeile für Zeile lesen, dann einzeln ausführen.',
      'Fehlgeschlagene Aktionen sind auskommentiert und mit ihrer Fehlermeldung versehen.',
    ],
    hidden: 'Passwörter und Tokens sind durch •••••• ersetzt: Setz vor dem Ausführen deine eigenen ein.',
    failed: 'Fehlgeschlagen',
    running: 'Lief noch beim Export, Ergebnis unbekannt',
    empty: 'Das Journal ist leer.',
  },
  en: {
    title: 'Lotse journal',
    exported: 'Exported',
    count: (n: number) => `${String(n)} ${n === 1 ? 'action' : 'actions'}`,
    intro: [
      'Every action taken in Lotse, with the command it stands for.',
      'To retrace it in a terminal: read line by line, then run them one at a time.',
      'Failed actions are commented out, with their error message.',
    ],
    hidden: 'Passwords and tokens are replaced by ••••••: put in your own before running.',
    failed: 'Failed',
    running: 'Still running at export time, result unknown',
    empty: 'The journal is empty.',
  },
} as const;

/** One line of comment text: no line breaks, so nothing after it is read as a command. */
function commentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

function comment(text: string): string {
  return `# ${commentText(text)}`.trimEnd();
}

/** A command, or the same command commented out line by line (quoted arguments may span lines). */
function commandLines(command: string, active: boolean): string[] {
  const lines = command.split(/\r?\n/);
  return active ? lines : lines.map((line) => `# ${line}`.trimEnd());
}

function timeOf(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function dateTimeOf(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${timeOf(epochMs)}`;
}

/**
 * The journal as a shell script a trainer can hand out: a commented header, then per action a
 * comment with time and what was done, and its command. Failed and unfinished actions stay in
 * as comments, so the script replays only what worked. Valid for `bash -n`.
 */
export function exportJournal(entries: readonly JournalEntry[], options: JournalExportOptions): string {
  const t = texts[options.language];
  const mask = (text: string): string => (options.hideSecrets ? maskSecrets(text) : text);
  const out: string[] = [
    '#!/usr/bin/env bash',
    comment(options.title ? `${t.title}: ${options.title}` : t.title),
    comment(`${t.exported}: ${dateTimeOf(options.now)} · ${t.count(entries.length)}`),
    '#',
    ...t.intro.map(comment),
    ...(options.hideSecrets ? [comment(t.hidden)] : []),
    '',
  ];
  if (entries.length === 0) out.push(comment(t.empty));
  entries.forEach((entry, index) => {
    out.push(comment(`${String(index + 1)}. [${timeOf(entry.time)}] ${mask(entry.label)}`));
    if (entry.status === 'error') {
      const error = entry.error ? `${entry.error.code}: ${mask(entry.error.message)}` : '';
      out.push(comment(`${t.failed}${error ? ` – ${error}` : ''}`));
      if (entry.error?.hint) out.push(comment(mask(entry.error.hint)));
    } else if (entry.status === 'running') {
      out.push(comment(t.running));
    }
    out.push(...commandLines(mask(entry.command), entry.status === 'ok'));
    out.push('');
  });
  return `${out.join('\n').trimEnd()}\n`;
}

/** A file name for the export: lotse-journal-2026-11-22-0530.sh */
export function journalFileName(now: number): string {
  const d = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `lotse-journal-${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.sh`;
}
