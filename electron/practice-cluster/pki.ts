import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import forge from 'node-forge';

import { writeFileAtomic } from './fsutil';

/** PEM material of the practice cluster: its CA, the API server's certificate and the admin's client certificate. */
export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

const DAY = 24 * 60 * 60 * 1000;
/** The admin user of the kubeconfig: in the group system:masters, like kubeadm's admin.conf. */
export const ADMIN_USER = 'lotse-practice-admin';
export const ADMIN_GROUP = 'system:masters';

const SERVER_NAMES = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
const SERVER_IPS = ['127.0.0.1', '::1', '10.96.0.1'];

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  // Native key generation; node-forge only builds and signs the certificates.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem);
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem };
}

function serial(): string {
  // Positive 16-byte serial number.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function baseCert(publicKey: forge.pki.rsa.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * DAY);
  return cert;
}

function makeCa(): { cert: string; key: string } {
  const keys = newKeyPair();
  const cert = baseCert(keys.publicKey, 3650);
  const subject = [{ name: 'commonName', value: 'lotse-practice-ca' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
}

function makeLeaf(
  ca: { cert: string; key: string },
  subject: { commonName: string; organization?: string },
  usage: 'server' | 'client',
): { cert: string; key: string } {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const caKey = forge.pki.privateKeyFromPem(ca.key);
  const keys = newKeyPair();
  const cert = baseCert(keys.publicKey, 825);
  const attrs: forge.pki.CertificateField[] = [{ name: 'commonName', value: subject.commonName }];
  if (subject.organization) attrs.unshift({ name: 'organizationName', value: subject.organization });
  cert.setSubject(attrs);
  cert.setIssuer(caCert.subject.attributes);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: usage === 'server', clientAuth: usage === 'client' },
  ];
  if (usage === 'server') {
    extensions.push({
      name: 'subjectAltName',
      altNames: [...SERVER_NAMES.map((value) => ({ type: 2, value })), ...SERVER_IPS.map((ip) => ({ type: 7, ip }))],
    });
  }
  cert.setExtensions(extensions);
  cert.sign(caKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
}

/** True when the certificate exists, was issued by the CA and stays valid for at least 30 more days. */
function usable(certPem: string | undefined, caPem: string): boolean {
  if (!certPem) return false;
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && new Date(cert.validTo).getTime() > Date.now() + 30 * DAY;
  } catch {
    return false;
  }
}

function read(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Loads the PKI from `dir`, creating what is missing: the CA once (kept for good, so kubeconfigs stay valid),
 * server and client certificates when absent or close to expiry.
 */
export function ensurePki(dir: string): Pki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string): string => join(dir, name);
  let caCert = read(file('ca.crt'));
  let caKey = read(file('ca.key'));
  if (!caCert || !caKey) {
    const ca = makeCa();
    caCert = ca.cert;
    caKey = ca.key;
    writeFileAtomic(file('ca.key'), caKey, 0o600);
    writeFileAtomic(file('ca.crt'), caCert);
  }
  const ca = { cert: caCert, key: caKey };
  const leaf = (name: string, subject: { commonName: string; organization?: string }, usage: 'server' | 'client'): { cert: string; key: string } => {
    const cert = read(file(`${name}.crt`));
    const key = read(file(`${name}.key`));
    if (cert && key && usable(cert, caCert)) return { cert, key };
    const made = makeLeaf(ca, subject, usage);
    writeFileAtomic(file(`${name}.key`), made.key, 0o600);
    writeFileAtomic(file(`${name}.crt`), made.cert);
    return made;
  };
  const server = leaf('apiserver', { commonName: 'kube-apiserver' }, 'server');
  const client = leaf('admin', { commonName: ADMIN_USER, organization: ADMIN_GROUP }, 'client');
  return { caCert, caKey, serverCert: server.cert, serverKey: server.key, clientCert: client.cert, clientKey: client.key };
}

/** User name and groups from a verified client certificate (CN = user, O = groups), as the real API server reads them. */
export function identityFromCertificate(subject: Record<string, string | string[] | undefined>): { user: string; groups: string[] } | undefined {
  const cn = subject.CN;
  const user = Array.isArray(cn) ? cn[0] : cn;
  if (!user) return undefined;
  const o = subject.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { user, groups };
}
