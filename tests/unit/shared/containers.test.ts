import { describe, expect, it } from 'vitest';

import { containerDisplayName } from '@shared/rules/containers';

const ID = '33cbba969a827f886c0703ed050f4f92c2d974c245948a82fd167e3933516efd';

describe('containerDisplayName', () => {
  it('shows the first listed name without the leading slash', () => {
    expect(containerDisplayName({ Id: ID, Names: ['/web', '/other/alias'] })).toBe('web');
  });

  it('shows the inspected name without the leading slash', () => {
    expect(containerDisplayName({ Id: ID, Name: '/web' })).toBe('web');
  });

  it('falls back to the short id when the container has no name', () => {
    expect(containerDisplayName({ Id: ID, Names: [] })).toBe('33cbba969a82');
    expect(containerDisplayName({ Id: ID })).toBe('33cbba969a82');
  });
});
