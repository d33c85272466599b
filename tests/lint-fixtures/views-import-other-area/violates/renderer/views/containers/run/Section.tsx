import { ImageList } from '../../images/ImageList';

export const Shown = ImageList;
