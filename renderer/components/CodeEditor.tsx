import { type CompletionSource, autocompletion } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, linter, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { type ReactElement, useEffect, useRef } from 'react';

/** A finding shown in the editor: where, how bad, what (in the learner's language). */
export interface EditorMark {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** YAML's parts in the page's colours, which Mantine sets for the light and the dark theme alike. */
const yamlColours = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--mantine-color-blue-text)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--mantine-color-green-text)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--mantine-color-orange-text)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.labelName, tags.typeName, tags.keyword], color: 'var(--mantine-color-grape-text)' },
]);

function toDiagnostics(view: EditorView, marks: readonly EditorMark[]): Diagnostic[] {
  const doc = view.state.doc;
  const offset = (line: number, column: number): number => {
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(column - 1, 0), l.to);
  };
  return marks.map((m) => {
    const from = offset(m.line, m.column);
    const to = Math.max(from, m.endLine === m.line && m.endColumn <= m.column ? doc.line(Math.min(Math.max(m.line, 1), doc.lines)).to : offset(m.endLine, m.endColumn));
    return { from, to: to === from ? Math.min(from + 1, doc.length) : to, severity: m.severity, message: m.message };
  });
}

/**
 * YAML in CodeMirror 6: highlighting, line numbers, undo, findings inline and in the gutter, completion
 * when the caller brings a source. The text is the caller's: edits go out through onChange, a new text
 * from outside (a fix applied, a file loaded) replaces the editor's.
 */
export function CodeEditor({
  text,
  marks,
  onChange,
  complete,
  testId,
  height = 420,
}: {
  text: string;
  marks: readonly EditorMark[];
  onChange: (text: string) => void;
  complete?: CompletionSource;
  testId: string;
  /** The editor's height in pixels, longer texts scrolling inside it; or `auto`, growing with the text. */
  height?: number | 'auto';
}): ReactElement {
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
          syntaxHighlighting(yamlColours),
          lintGutter(),
          // Findings arrive through setDiagnostics; this source keeps the lint panel alive.
          linter(null),
          ...(complete ? [autocompletion({ override: [complete] })] : []),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.tabSize.of(2),
          // The page's colours (light or dark theme) rather than CodeMirror's light defaults.
          EditorView.theme({
            '&': { height: '100%', backgroundColor: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)' },
            '.cm-scroller': { overflow: 'auto' },
            '.cm-gutters': { backgroundColor: 'var(--mantine-color-default)', color: 'var(--mantine-color-dimmed)', borderRight: '1px solid var(--mantine-color-default-border)' },
            '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--mantine-color-default-hover)' },
            '.cm-cursor': { borderLeftColor: 'var(--mantine-color-text)' },
          }),
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
    // Made once; later texts arrive through the effect below.
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

  return <div ref={host} data-testid={testId} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, ...(height === 'auto' ? { minHeight: 240 } : { height }) }} />;
}
