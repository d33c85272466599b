import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { ReactElement } from 'react';

import { allKeys, type KeyLevel } from '@shared/compose/spec';
import type { Severity } from '@shared/compose/types';

import { CodeEditor } from '../../components/CodeEditor';

/** Which level of the compose file the cursor's line sits in, from the keys above it: completion offers that level's keys. */
function levelAt(context: CompletionContext): KeyLevel | undefined {
  const line = context.state.doc.lineAt(context.pos);
  const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
  if (indent === 0) return 'top';
  const parents: string[] = [];
  let want = indent;
  for (let n = line.number - 1; n >= 1 && want > 0; n--) {
    const text = context.state.doc.line(n).text;
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const own = /^\s*/.exec(text)?.[0].length ?? 0;
    if (own < want) {
      parents.unshift(/^\s*-?\s*([^:#]+):/.exec(text)?.[1]?.trim() ?? '');
      want = own;
    }
  }
  const [top, , inner] = parents;
  if (top === 'services' && parents.length === 2) return 'service';
  if (top === 'services' && parents.length === 3 && (inner === 'healthcheck' || inner === 'build')) return inner;
  if ((top === 'networks' || top === 'volumes') && parents.length === 2) return top === 'networks' ? 'network' : 'volume';
  return undefined;
}

function completeKeys(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/^\s*[a-z_]*$/);
  if (!word) return null;
  const level = levelAt(context);
  if (!level) return null;
  const from = word.from + (/^\s*/.exec(word.text)?.[0].length ?? 0);
  return { from, options: allKeys(level).map((key) => ({ label: key, apply: `${key}: `, type: 'property' })) };
}

/** A compose file in the shared editor: the doctor's findings inline and key completion from the model. */
export function YamlEditor({ text, marks, onChange }: { text: string; marks: { line: number; column: number; endLine: number; endColumn: number; severity: Severity; message: string }[]; onChange: (text: string) => void }): ReactElement {
  const shown = marks.map((m) => ({ ...m, severity: m.severity === 'hint' ? ('info' as const) : m.severity }));
  return <CodeEditor text={text} marks={shown} onChange={onChange} complete={completeKeys} testId="compose-editor" height="auto" />;
}
