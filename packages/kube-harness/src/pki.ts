import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { which } from './binaries';

/** A user the apiserver knows by a static bearer token (`--token-auth-file`). */
export interface StaticTokenUser {
  /** The user name, e.g. `alice` (RBAC subjects of kind User match it). */
  name: string;
  /** The bearer token; a random one when absent. */
  token?: string;
  /** Groups, e.g. `['system:masters']` for a second admin. */
  groups?: string[];
}

/** The files `generatePki` wrote and the tokens it chose. */
export interface Pki {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  saKey: string;
  saPub: string;
  tokensCsv: string;
  /** PEM of the CA that signed the serving certificate. */
  caPem: string;
  adminToken: string;
  controllerManagerToken: string;
  /** Every static token user, by name (admin and kcm included). */
  tokens: Record<string, string>;
}

export const ADMIN_USER = 'admin';
export const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';

function openssl(args: string[]) {
  const bin = which('openssl');
  if (!bin)
    throw new Error('openssl not found on PATH (apt-get install openssl)');
  try {
    execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || error}`);
  }
}

function csvField(value: string) {
  if (/[",\n]/.test(value))
    throw new Error(
      `token-file field ${JSON.stringify(value)} has a , " or newline`,
    );
  return value;
}

/**
 * Generates in `dir`: a CA (EC P-256), a serving certificate for 127.0.0.1
 * signed by it, the service-account signing key pair, and tokens.csv with an
 * admin (system:masters), the controller manager and `users`.
 */
export function generatePki(dir: string, users: StaticTokenUser[] = []): Pki {
  const file = (name: string) => path.join(dir, name);
  // A minimal config so openssl does not depend on the system openssl.cnf.
  fs.writeFileSync(
    file('openssl.cnf'),
    '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  openssl([
    'req', '-x509', ...ec, '-nodes', '-config', file('openssl.cnf'),
    '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '3650',
    '-subj', '/CN=namespace-scheduler-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]); // prettier-ignore
  openssl([
    'req', '-new', ...ec, '-nodes', '-config', file('openssl.cnf'),
    '-keyout', file('apiserver.key'), '-out', file('apiserver.csr'),
    '-subj', '/CN=kube-apiserver',
  ]); // prettier-ignore
  fs.writeFileSync(
    file('apiserver.ext'),
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,' +
        'DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  openssl([
    'x509', '-req', '-in', file('apiserver.csr'), '-CA', file('ca.crt'),
    '-CAkey', file('ca.key'), '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    '-days', '3650', '-extfile', file('apiserver.ext'), '-out', file('apiserver.crt'),
  ]); // prettier-ignore

  // Service-account tokens: ES256 with a P-256 key (node makes it in ~1 ms).
  const sa = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  fs.writeFileSync(file('sa.key'), sa.privateKey, { mode: 0o600 });
  fs.writeFileSync(file('sa.pub'), sa.publicKey);

  const token = () => randomBytes(24).toString('hex');
  const all: Array<Required<StaticTokenUser>> = [
    { name: ADMIN_USER, token: token(), groups: ['system:masters'] },
    { name: CONTROLLER_MANAGER_USER, token: token(), groups: [] },
    ...users.map(u => ({
      name: u.name,
      token: u.token ?? token(),
      groups: u.groups ?? [],
    })),
  ];
  const tokens: Record<string, string> = {};
  const lines = all.map((u, i) => {
    if (tokens[u.name] !== undefined)
      throw new Error(`static token user ${u.name} given twice`);
    tokens[u.name] = u.token;
    const line = `${csvField(u.token)},${csvField(u.name)},uid-${i}`;
    // No 4th column without groups: an empty one would read as group "".
    return u.groups.length
      ? `${line},"${u.groups.map(csvField).join(',')}"`
      : line;
  });
  fs.writeFileSync(file('tokens.csv'), `${lines.join('\n')}\n`, {
    mode: 0o600,
  });

  return {
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    servingCert: file('apiserver.crt'),
    servingKey: file('apiserver.key'),
    saKey: file('sa.key'),
    saPub: file('sa.pub'),
    tokensCsv: file('tokens.csv'),
    caPem: fs.readFileSync(file('ca.crt'), 'utf8'),
    adminToken: tokens[ADMIN_USER],
    controllerManagerToken: tokens[CONTROLLER_MANAGER_USER],
    tokens,
  };
}
