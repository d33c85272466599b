import type { ReactElement, ReactNode } from 'react';

export type Tone = 'blue' | 'teal' | 'grape' | 'orange' | 'gray' | 'red' | 'cyan';

/** Themed colours from Mantine's CSS variables, so diagrams follow light, dark and presentation mode. */
const fill = (tone: Tone): string => `var(--mantine-color-${tone}-light)`;
const stroke = (tone: Tone): string => `var(--mantine-color-${tone}-filled)`;

export const TEXT = 'var(--mantine-color-text)';
export const DIM = 'var(--mantine-color-dimmed)';

export function Box(props: {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  sub?: string;
  tone?: Tone;
  dashed?: boolean;
  align?: 'middle' | 'top';
  /** The whole text, shown on hover, when the label had to be shortened. */
  title?: string;
}): ReactElement {
  const tone = props.tone ?? 'blue';
  const cx = props.x + props.w / 2;
  const top = props.align === 'top';
  const cy = top ? props.y + 14 : props.y + props.h / 2 + (props.sub ? -3 : 4);
  return (
    <g>
      {props.title ? <title>{props.title}</title> : null}
      <rect
        x={props.x}
        y={props.y}
        width={props.w}
        height={props.h}
        rx={6}
        fill={fill(tone)}
        stroke={stroke(tone)}
        strokeWidth={1.5}
        strokeDasharray={props.dashed ? '5 4' : undefined}
      />
      <text x={cx} y={cy} textAnchor="middle" fontSize={12} fontWeight={600} fill={TEXT}>
        {props.label}
      </text>
      {props.sub ? (
        <text x={cx} y={cy + 14} textAnchor="middle" fontSize={10} fill={DIM}>
          {props.sub}
        </text>
      ) : null}
    </g>
  );
}

export function Line(props: { x1: number; y1: number; x2: number; y2: number; arrow?: boolean; dashed?: boolean; label?: string }): ReactElement {
  return (
    <g>
      <line
        x1={props.x1}
        y1={props.y1}
        x2={props.x2}
        y2={props.y2}
        stroke={DIM}
        strokeWidth={1.5}
        strokeDasharray={props.dashed ? '4 3' : undefined}
        markerEnd={props.arrow ? 'url(#lotse-arrow)' : undefined}
      />
      {props.label ? (
        <text x={(props.x1 + props.x2) / 2 + 4} y={(props.y1 + props.y2) / 2 - 4} fontSize={10} fill={DIM}>
          {props.label}
        </text>
      ) : null}
    </g>
  );
}

export function Caption({ x, y, children, anchor = 'start' }: { x: number; y: number; children: ReactNode; anchor?: 'start' | 'middle' | 'end' }): ReactElement {
  return (
    <text x={x} y={y} fontSize={11} fill={DIM} textAnchor={anchor}>
      {children}
    </text>
  );
}

/** The frame every diagram draws in: scales to the panel's width, with an accessible title. */
export function Frame({ width, height, title, children }: { width: number; height: number; title: string; children: ReactNode }): ReactElement {
  return (
    <svg viewBox={`0 0 ${String(width)} ${String(height)}`} width="100%" role="img" aria-label={title} data-testid="concept-diagram" style={{ maxWidth: width }}>
      <title>{title}</title>
      <defs>
        <marker id="lotse-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill={DIM} />
        </marker>
      </defs>
      {children}
    </svg>
  );
}
