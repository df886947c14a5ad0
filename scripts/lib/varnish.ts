/**
 * Where Debian's Varnish lives and whether it can run here: the Varnish integration test needs
 * varnishd and vmod xkey (`apt-get install varnish varnish-modules`); `npm test` installs them as
 * root on Debian when missing, as it does Chromium.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Debian's varnishd. */
export const varnishd = '/usr/sbin/varnishd';
/** The Debian packages that provide varnishd and vmod xkey. */
export const varnishPackages = ['varnish', 'varnish-modules'];
const vmodDirs = ['/usr/lib/x86_64-linux-gnu/varnish/vmods', '/usr/lib/aarch64-linux-gnu/varnish/vmods', '/usr/lib/varnish/vmods'];

/** Why Varnish cannot run here, or undefined when it can. */
export function varnishMissing(exists: (file: string) => boolean = existsSync): string | undefined {
  if (!exists(varnishd)) return `${varnishd} is missing: apt-get install ${varnishPackages.join(' ')} (npm test does it when run as root)`;
  if (!vmodDirs.some((dir) => exists(path.join(dir, 'libvmod_xkey.so')))) return `vmod xkey is missing: apt-get install varnish-modules`;
  return undefined;
}
