import { describe, expect, it } from 'vitest';
import { detectPhotoType } from './story-photo.js';

const bytes = (...values: (number | string)[]) =>
	new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])));

describe('detectPhotoType reads the file’s own signature, never its name', () => {
	it.each([
		{ label: 'JPEG', file: bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0), expected: 'image/jpeg' },
		{ label: 'PNG', file: bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), expected: 'image/png' },
		{ label: 'WebP', file: bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), expected: 'image/webp' },
		{ label: 'a PDF (named .jpg or not)', file: bytes('%PDF-1.7'), expected: null },
		{ label: 'a GIF', file: bytes('GIF89a'), expected: null },
		{ label: 'an SVG (scriptable)', file: bytes('<svg xmlns="http://www.w3.org/2000/svg">'), expected: null },
		{ label: 'a RIFF that is not WebP (a WAV)', file: bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '), expected: null },
		{ label: 'two bytes of a JPEG', file: bytes(0xff, 0xd8), expected: null },
		{ label: 'nothing', file: bytes(), expected: null }
	])('$label → $expected', ({ file, expected }) => {
		expect(detectPhotoType(file)).toBe(expected);
	});
});
