import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

/** Where a generated certificate lives, and for which names it was made. */
const CERT_FILE = 'self-signed-cert.pem';
const KEY_FILE = 'self-signed-key.pem';
const NAMES_FILE = 'self-signed-names.txt';

/**
 * The names a development certificate must cover: localhost and every LAN address of this
 * machine, so that a phone on the same network can open https://192.168.x.y:8081 (a camera needs
 * a secure context) after accepting the warning once.
 */
export function localNames(): string[] {
  const names = ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1'];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (!a.internal) names.push(`IP:${a.address}`);
  }
  return names;
}

/** The https URLs a phone on the same network can open: one per LAN IPv4 address of this machine. */
export function lanUrls(port: number): string[] {
  const urls: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (!a.internal && a.family === 'IPv4') urls.push(`https://${a.address}:${port}`);
    }
  }
  return urls;
}

/**
 * A self-signed certificate for trying Zvonok on a LAN (TLS_SELF_SIGNED=1): made once with
 * openssl into the data directory and reused until the machine's addresses change.
 * @throws Error saying what to do when openssl is missing or fails.
 */
export function selfSignedCertificate(dataDir: string): { certFile: string; keyFile: string } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const certFile = join(dataDir, CERT_FILE);
  const keyFile = join(dataDir, KEY_FILE);
  const namesFile = join(dataDir, NAMES_FILE);
  const names = localNames().join(',');
  const current =
    existsSync(certFile) && existsSync(keyFile) && existsSync(namesFile)
      ? readFileSync(namesFile, 'utf8')
      : null;
  if (current === names) return { certFile, keyFile };
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '365',
        '-subj',
        '/CN=Zvonok development certificate',
        '-addext',
        `subjectAltName=${names}`,
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    throw new Error(
      `TLS_SELF_SIGNED: could not make a certificate with openssl (${(err as Error).message.split('\n')[0]}). ` +
        'Install openssl (apt-get install openssl) or give TLS_CERT and TLS_KEY.',
      { cause: err },
    );
  }
  writeFileSync(namesFile, names, { mode: 0o600 });
  return { certFile, keyFile };
}
