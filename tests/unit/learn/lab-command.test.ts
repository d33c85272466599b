import { describe, expect, it } from 'vitest';

import { labResetCommand } from '@shared/cli/learn';

describe('labResetCommand', () => {
  it('removes containers first, then networks, volumes and images, as the reset does', () => {
    expect(
      labResetCommand([
        { kind: 'image', name: 'hello-world:latest' },
        { kind: 'volume', name: 'foo' },
        { kind: 'container', name: 'web1' },
        { kind: 'network', name: 'mynetwork' },
        { kind: 'container', name: "it's mine" },
      ]),
    ).toBe("docker rm -f web1 'it'\"'\"'s mine' && docker network rm mynetwork && docker volume rm foo && docker rmi hello-world:latest");
    expect(labResetCommand([{ kind: 'volume', name: 'foo' }])).toBe('docker volume rm foo');
    expect(labResetCommand([])).toBe('');
  });
});
