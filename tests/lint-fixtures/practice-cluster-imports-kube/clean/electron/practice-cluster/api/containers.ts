import { containerOf } from '../../services/docker/paths';

export const container = containerOf;
