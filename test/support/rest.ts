/** The manager's REST image API (26.3+) read directly, to know what the gateway can fill from it. */
import { SignJWT } from 'jose';
import { request } from 'undici';
import { signRequestHeaders } from '../../src/auth/index.ts';
import type { Sandbox, SandboxImage } from '../../src/sandbox/index.ts';
import type { Keypair } from './client.ts';

/** A token as Backend.AI's web UI sends it in `X-BackendAI-Token`: HS256 with the claims the manager reads. */
export function managerToken(keypair: Keypair, role: 'superadmin' | 'admin' | 'user'): Promise<string> {
  return new SignJWT({ access_key: keypair.accessKey, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(keypair.secretKey));
}

/**
 * Live images whose `GET /admin/images/{id}` answers, as a superadmin asks. 26.3.0 fails (HTTP 500) on
 * an image whose resource minimums are not plain decimals, so only some images can be filled from REST.
 */
export async function restReadableImages(sandbox: Sandbox): Promise<SandboxImage[]> {
  const readable: SandboxImage[] = [];
  for (const image of sandbox.dataset.images.filter((candidate) => candidate.status === 'ALIVE')) {
    const url = `${sandbox.url}/admin/images/${image.id}`;
    const response = await request(url, {
      method: 'GET',
      headers: signRequestHeaders({ ...sandbox.credentials.superadmin, method: 'GET', url }),
    });
    await response.body.dump();
    if (response.statusCode === 200) readable.push(image);
  }
  return readable;
}
