import sharp from 'sharp';
import { MAX_IMAGE_PIXELS, imageProblem, sniff, uploadLimit } from '../http/uploads.js';

/**
 * A story's optional photo. What is stored is never the uploaded file: the type is read from the
 * first bytes (never the name or the browser's claim), the declared dimensions are checked before
 * anything is decoded (an "image bomb" declares a huge picture in a tiny file), and the picture is
 * decoded, turned upright, shrunk to at most MAX_PHOTO_SIDE pixels and written again as a new
 * JPEG. sharp writes no metadata unless asked to, so EXIF (GPS, camera, owner), XMP, IPTC and
 * ICC profiles never reach the database.
 */
export const MAX_PHOTO_BYTES = uploadLimit('story photo');
export const MAX_PHOTO_SIDE = 1600;
/** Decoding more than this many pixels is refused (a 40-megapixel phone photo still fits). */
export const MAX_PHOTO_PIXELS = MAX_IMAGE_PIXELS;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export type PhotoProblem = 'empty' | 'too_large' | 'wrong_type' | 'too_many_pixels' | 'unreadable';

/** The image type from the file's own signature (uploads.ts), or null for anything else (a PDF named .jpg). */
export function detectPhotoType(bytes: Uint8Array): PhotoType | null {
	const kind = sniff(bytes);
	return kind === 'jpeg' || kind === 'png' || kind === 'webp' ? `image/${kind}` : null;
}

export interface PreparedPhoto {
	contentType: 'image/jpeg';
	width: number;
	height: number;
	data: Uint8Array;
}

// Two cores shared by many: one image at a time, nothing kept in sharp's cache.
sharp.concurrency(1);
sharp.cache(false);

/** Checks and re-encodes an upload; answers the problem instead when it cannot be a photo. */
export async function preparePhoto(bytes: Uint8Array): Promise<{ ok: true; photo: PreparedPhoto } | { ok: false; problem: PhotoProblem }> {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, problem: 'too_large' };
	const type = detectPhotoType(bytes);
	if (!type) return { ok: false, problem: 'wrong_type' };
	const options = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' as const, animated: false };
	// Reads the header only: the declared size is known before a single pixel is decoded.
	const refused = await imageProblem(bytes, MAX_PHOTO_PIXELS);
	if (refused) return { ok: false, problem: refused.problem };
	try {
		const { data, info } = await sharp(bytes, options)
			.rotate()
			.resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
			.flatten({ background: '#ffffff' })
			.toColourspace('srgb')
			.jpeg({ quality: 82, mozjpeg: true })
			.toBuffer({ resolveWithObject: true });
		return { ok: true, photo: { contentType: 'image/jpeg', width: info.width, height: info.height, data: new Uint8Array(data) } };
	} catch {
		return { ok: false, problem: 'unreadable' };
	}
}
