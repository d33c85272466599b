import { ContainersView } from './containers/ContainersView';
import { ImagesView } from './images/ImagesView';

export const views = [ContainersView, ImagesView];
