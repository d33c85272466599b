import { useContainers } from '../../../stores/containers';
import { StateBadge } from '../StateBadge';
import { Field } from '../../shared/Field';

export const parts = [useContainers, StateBadge, Field];
