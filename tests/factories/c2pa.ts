/**
 * Freshly signed Content Credentials, made in the test process with @contentauth/c2pa-wasm and the
 * test signer in tests/fixtures/c2pa/test-signer/ (a root CA made for these tests only, and a
 * camera certificate it issued: ES256, digitalSignature, emailProtection, valid until 2046). Trust
 * `testSignerRoot` and a photo signed here is a trusted capture, the way a Pixel Camera photo is
 * under the official C2PA trust list.
 *
 * Two things Node lacks are supplied here, for tests only: the builder reads its source through
 * the browser's `FileReaderSync` (given for Blobs this file made), and it hands the claim to the
 * signer expecting a whole COSE_Sign1 back (`direct_cose_handling`), built below with a
 * few lines of CBOR and node:crypto, padded to exactly the space the builder reserved.
 */
import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initSync, WasmBuilder } from '@contentauth/c2pa-wasm';

const signerDir = path.resolve('tests/fixtures/c2pa/test-signer');
/** PEM of the test root CA: the trust anchor of every photo signed here. */
export const testSignerRoot = readFileSync(path.join(signerDir, 'ca.pem'), 'utf8');
/** Path of that PEM, for `C2PA_TRUST_ANCHORS`. */
export const testSignerRootFile = path.join(signerDir, 'ca.pem');
/** The common name a photo signed here shows as its signer. */
export const testSignerName = 'Healed Test Camera';

export const digitalCapture = 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture';
export const generativeAi = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

/** What the signed manifest records. */
export interface SignOptions {
  /** The capture action's time, ISO 8601 with an offset (default 2025-05-01 10:00 +02:00). */
  when?: string;
  /** The capture's digital source type (default: a camera capture). */
  digitalSourceType?: string;
  /** Actions recorded after the capture, e.g. `[{ action: 'c2pa.color_adjustments', softwareAgent: 'Adobe Lightroom 7.2' }]`. */
  edits?: { action: string; softwareAgent?: string }[];
}

const kept = new WeakMap<Blob, Uint8Array>();
/** A Blob whose bytes (and those of its slices) `FileReaderSync` below can hand back. */
class KeptBlob extends Blob {
  // Not `bytes`: that is Blob's own method.
  readonly held: Uint8Array;
  constructor(held: Uint8Array) {
    super([held as Uint8Array<ArrayBuffer>]);
    this.held = held;
    kept.set(this, held);
  }
  override slice(start = 0, end = this.held.length): Blob {
    return new KeptBlob(this.held.slice(start, end));
  }
}

let ready = false;
function init(): void {
  if (ready) return;
  (globalThis as { FileReaderSync?: unknown }).FileReaderSync ??= class {
    readAsArrayBuffer(blob: Blob): ArrayBuffer {
      const bytes = kept.get(blob);
      if (!bytes) throw new Error('FileReaderSync (tests): only Blobs made by tests/factories/c2pa.ts can be read');
      return bytes.slice().buffer as ArrayBuffer;
    }
  };
  const wasm = path.join(path.dirname(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/package.json')), 'pkg/c2pa_bg.wasm');
  initSync({ module: readFileSync(wasm) });
  ready = true;
}

type Cbor = number | string | Uint8Array | null | Cbor[] | Map<number | string, Cbor> | { tag: number; value: Cbor };

/** Just enough CBOR (RFC 8949) for a COSE_Sign1: integers, strings, byte strings, arrays, maps, tags, null. */
function cbor(value: Cbor): Uint8Array {
  const out: number[] = [];
  const head = (major: number, n: number) => {
    if (n < 24) out.push((major << 5) | n);
    else if (n < 256) out.push((major << 5) | 24, n);
    else if (n < 65536) out.push((major << 5) | 25, n >> 8, n & 255);
    else out.push((major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);
  };
  const put = (v: Cbor): void => {
    if (v === null) out.push(0xf6);
    else if (typeof v === 'number') head(v >= 0 ? 0 : 1, v >= 0 ? v : -1 - v);
    else if (typeof v === 'string') { const b = Buffer.from(v); head(3, b.length); out.push(...b); }
    else if (v instanceof Uint8Array) { head(2, v.length); for (const byte of v) out.push(byte); }
    else if (Array.isArray(v)) { head(4, v.length); v.forEach(put); }
    else if (v instanceof Map) { head(5, v.size); for (const [k, item] of v) { put(k); put(item); } }
    else { head(6, v.tag); put(v.value); }
  };
  put(value);
  return Uint8Array.from(out);
}

const reserveSize = 10_000;

/** The signer: COSE_Sign1 (ES256, x5chain = the camera certificate) over the claim, padded to the reserved size. */
function signer() {
  const certificate = new Uint8Array(new X509Certificate(readFileSync(path.join(signerDir, 'leaf.pem'))).raw);
  const key = createPrivateKey(readFileSync(path.join(signerDir, 'leaf.key')));
  // Header labels: 1 = alg (-7 is ES256), 33 = x5chain.
  const protectedHeader = cbor(new Map<number, Cbor>([[1, -7], [33, certificate]]));
  return {
    alg: 'es256',
    reserveSize,
    async sign(claim: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
      const signature = new Uint8Array(sign('sha256', cbor(['Signature1', protectedHeader, new Uint8Array(0), claim]), { key, dsaEncoding: 'ieee-p1363' }));
      const sign1 = (pad: number) => cbor({ tag: 18, value: [protectedHeader, new Map<string, Cbor>([['pad', new Uint8Array(pad)]]), null, signature] });
      let pad = reserveSize - sign1(0).length;
      while (sign1(pad).length > reserveSize) pad--;
      return sign1(pad) as Uint8Array<ArrayBuffer>;
    },
  };
}

/** A JPEG with Content Credentials signed by the test camera: a capture, then any edits given. */
export async function signedJpeg(jpeg: Uint8Array, options: SignOptions = {}): Promise<Buffer> {
  init();
  const actions = [
    { action: 'c2pa.created', digitalSourceType: options.digitalSourceType ?? digitalCapture, when: options.when ?? '2025-05-01T10:00:00+02:00' },
    ...(options.edits ?? []).map(({ action, softwareAgent }) => ({ action, ...(softwareAgent ? { softwareAgent: { name: softwareAgent } } : {}) })),
  ];
  const manifest = {
    claim_generator_info: [{ name: testSignerName, version: '1.0' }],
    title: 'capture.jpg',
    format: 'image/jpeg',
    assertions: [{ label: 'c2pa.actions', data: { actions } }],
  };
  const builder = WasmBuilder.fromJson(JSON.stringify(manifest), JSON.stringify({ verify: { remote_manifest_fetch: false, verify_after_sign: false } }));
  try {
    return Buffer.from(await builder.sign(signer() as never, [], 'image/jpeg', new KeptBlob(new Uint8Array(jpeg))));
  } finally {
    builder.free();
  }
}
