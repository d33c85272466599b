import { parseLabels } from '../../components/labels';
import { useVolumes } from '../../stores/volumes';
import { VolumeList } from './VolumeList';

export const parts = [parseLabels, useVolumes, VolumeList];
