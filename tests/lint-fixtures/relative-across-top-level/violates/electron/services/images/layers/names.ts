import { checkImageRef } from '../../../../shared/rules/names';

export const check = checkImageRef;
