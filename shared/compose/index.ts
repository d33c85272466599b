export { type Analysis, analyze, type DoctorInput, normalizeImage, type Rule, RULES } from './doctor';
export { type DotenvEntry, parseDotenv } from './dotenv';
export { interpolate, type Lookup } from './interpolate';
export { buildModel, mergeFiles } from './model';
export { baseName, dirOf, normalizeProjectName, PROJECT_NAME, projectNameFor } from './project';
export { hostPorts, parseMount, parsePort } from './short-syntax';
export { allKeys, type KeyLevel } from './spec';
export * from './types';
