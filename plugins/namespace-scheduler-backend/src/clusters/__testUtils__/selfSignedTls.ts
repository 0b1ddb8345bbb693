import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A key and a self-signed certificate (PEM) for 127.0.0.1, made with openssl. */
export function selfSignedTls(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-tls-'));
  try {
    const file = (name: string) => path.join(dir, name);
    // A minimal config so openssl does not depend on the system openssl.cnf.
    fs.writeFileSync(
      file('openssl.cnf'),
      '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = 127.0.0.1\n',
    );
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-nodes', '-config', file('openssl.cnf'), '-days', '1',
        '-keyout', file('key.pem'), '-out', file('cert.pem'),
        '-addext', 'subjectAltName=IP:127.0.0.1',
      ], // prettier-ignore
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return {
      key: fs.readFileSync(file('key.pem'), 'utf8'),
      cert: fs.readFileSync(file('cert.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
