import { describe, expect, it } from 'vitest';
import { uploadFileBytes } from '../../src/lib/http/limits.ts';
import { fileTooLarge } from '../../src/pages/submit/_components/file-limit.ts';

describe('the upload form\'s size check', () => {
  it('lets a file of exactly the limit through and names the sizes of a larger one', () => {
    expect(fileTooLarge(uploadFileBytes)).toBeUndefined();
    expect(fileTooLarge(30 * 1024 * 1024)).toEqual({ message: 'This photo is 30 MB; the limit is 25 MB.', hint: expect.stringMatching(/smaller size/) });
  });

});
