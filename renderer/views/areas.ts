export const areaIds = [
  'dashboard',
  'images',
  'containers',
  'networks',
  'volumes',
  'compose',
  'swarm',
  'kubernetes',
  'learn',
] as const;
export type AreaId = (typeof areaIds)[number];

export type AreaSection = 'engine' | 'orchestration' | 'learning';

export const areaSections: Record<AreaId, AreaSection> = {
  dashboard: 'engine',
  images: 'engine',
  containers: 'engine',
  networks: 'engine',
  volumes: 'engine',
  compose: 'orchestration',
  swarm: 'orchestration',
  kubernetes: 'orchestration',
  learn: 'learning',
};
