import { z } from 'zod';

/** Which Compose reads the files: v1 (`docker-compose`, Python, YAML 1.1) or v2 (`docker compose`, Go). */
export const ComposeFlavor = z.enum(['v1', 'v2']);
export type ComposeFlavor = z.infer<typeof ComposeFlavor>;

/**
 * error: the learner's Compose refuses the file (or `up` fails on it); warning: it runs, most likely
 * not as meant; hint: fine with this Compose, but another version reads it differently.
 */
export const Severity = z.enum(['error', 'warning', 'hint']);
export type Severity = z.infer<typeof Severity>;

export const Position = z.object({
  file: z.string(),
  /** 1-based. */
  line: z.number().int(),
  /** 1-based. */
  column: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
});
export type Position = z.infer<typeof Position>;

export const FindingParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type FindingParams = z.infer<typeof FindingParams>;

/** One thing the doctor found: the rule names the sentence (compose.json `doctor.<rule>`), params fill it. */
export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  at: Position,
  params: FindingParams,
});
export type Finding = z.infer<typeof Finding>;

/** Where an interpolated variable's value came from. */
export const VariableSource = z.enum(['shell', 'env-file', 'default', 'unset']);
export type VariableSource = z.infer<typeof VariableSource>;

export const VariableInfo = z.object({
  name: z.string(),
  source: VariableSource,
  /** Absent when unset. */
  value: z.string().optional(),
  /** The .env file (and its line) that set it, when it came from one. */
  file: z.string().optional(),
  line: z.number().int().optional(),
  /** The same name in .env when the shell's value won over it. */
  shadowed: z.string().optional(),
  usedAt: z.array(Position),
});
export type VariableInfo = z.infer<typeof VariableInfo>;

export const PortSpec = z.object({
  /** Absent: the engine picks a free host port. */
  published: z.string().optional(),
  target: z.string(),
  protocol: z.string(),
  hostIp: z.string().optional(),
});
export type PortSpec = z.infer<typeof PortSpec>;

export const MountSpec = z.object({
  kind: z.enum(['volume', 'bind', 'tmpfs', 'anonymous']),
  /** Volume name or host path (as written). */
  source: z.string().optional(),
  target: z.string(),
  readOnly: z.boolean(),
});
export type MountSpec = z.infer<typeof MountSpec>;

export const DependencySpec = z.object({
  service: z.string(),
  condition: z.string(),
});

/** A service as the files want it (after interpolation and merging of every -f file). */
export const ServiceModel = z.object({
  name: z.string(),
  image: z.string().optional(),
  build: z.string().optional(),
  containerName: z.string().optional(),
  ports: z.array(PortSpec),
  mounts: z.array(MountSpec),
  networks: z.array(z.string()),
  /** A network_mode other than bridge networks (host, none, service:x, container:x). */
  networkMode: z.string().optional(),
  dependsOn: z.array(DependencySpec),
  healthcheck: z.boolean(),
  /** `deploy.replicas` or `scale`; 1 when neither is set. */
  replicas: z.number().int(),
  profiles: z.array(z.string()),
  at: Position.optional(),
});
export type ServiceModel = z.infer<typeof ServiceModel>;

export const TopLevelModel = z.object({
  name: z.string(),
  external: z.boolean(),
  at: Position.optional(),
});

export const ComposeModel = z.object({
  /** The `name:` key (v2), if the files set one. */
  name: z.string().optional(),
  services: z.array(ServiceModel),
  networks: z.array(TopLevelModel),
  volumes: z.array(TopLevelModel),
});
export type ComposeModel = z.infer<typeof ComposeModel>;

/** A compose file's text as the doctor gets it. */
export interface SourceFile {
  path: string;
  text: string;
}

/** What the engine can tell the doctor; every part optional (the unit tests and browser mode have none). */
export interface EngineFacts {
  /** Local images by reference (`name:tag`, tag defaulted to latest) and whether each has a HEALTHCHECK. */
  images?: Record<string, { healthcheck: boolean }>;
  /** Host ports already published by containers, with who holds them. */
  publishedPorts?: { port: number; protocol: string; container: string; project?: string }[];
}
