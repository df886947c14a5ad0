import { describe, expect, it } from 'vitest';
import { renderSyntheticScalp } from '../../src/lib/images/synthetic.ts';

/** Width and height from a JPEG's start-of-frame marker (baseline or progressive). */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return undefined;
}

describe('renderSyntheticScalp', () => {
  const options = { seed: 5, stage: 'healed', view: 'hairline', fitzpatrick: 'IV', width: 96, height: 72 } as const;

  it('renders a JPEG of the asked size, byte-identical for the same options', async () => {
    const jpeg = await renderSyntheticScalp(options);
    expect(jpegSize(jpeg)).toEqual({ width: 96, height: 72 });
    expect((await renderSyntheticScalp(options)).equals(jpeg)).toBe(true);
    expect((await renderSyntheticScalp({ ...options, stage: 'fresh' })).equals(jpeg)).toBe(false);
  });

  it('refuses sizes it cannot render', async () => {
    await expect(renderSyntheticScalp({ ...options, width: 0 })).rejects.toThrow(RangeError);
  });
});
