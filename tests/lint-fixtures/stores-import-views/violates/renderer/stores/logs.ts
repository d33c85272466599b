import { portUrl } from '../views/containers/listing';

export const firstUrl = portUrl;
