import { NetworksView } from '../networks/NetworksView';

export const Shown = NetworksView;
