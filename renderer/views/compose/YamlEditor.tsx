import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { type Diagnostic, linter, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { type ReactElement, useEffect, useRef } from 'react';

import { allKeys, type KeyLevel } from '@shared/compose/spec';

export interface EditorMark {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'hint';
  message: string;
}

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

function toDiagnostics(view: EditorView, marks: EditorMark[]): Diagnostic[] {
  const doc = view.state.doc;
  const offset = (line: number, column: number): number => {
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(column - 1, 0), l.to);
  };
  return marks.map((m) => {
    const from = offset(m.line, m.column);
    const to = Math.max(from, offset(m.endLine, m.endColumn));
    return { from, to: to === from ? Math.min(from + 1, doc.length) : to, severity: m.severity === 'hint' ? 'info' : m.severity, message: m.message };
  });
}

/** A compose file in CodeMirror 6 with YAML highlighting, the doctor's findings inline and key completion from the model. */
export function YamlEditor({ text, marks, onChange }: { text: string; marks: EditorMark[]; onChange: (text: string) => void }): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          yaml(),
          lintGutter(),
          // Findings come from the doctor through setDiagnostics; this source keeps the lint panel alive.
          linter(null),
          autocompletion({ override: [completeKeys] }),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.tabSize.of(2),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = undefined;
    };
    // The editor is made once per file; later texts arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === text) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, toDiagnostics(editor, marks)));
  }, [marks]);

  return <div ref={host} data-testid="compose-editor" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, minHeight: 240 }} />;
}
