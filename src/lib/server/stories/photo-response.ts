/**
 * A stored story photo as an HTTP response: the type Parity wrote (always JPEG), no sniffing,
 * nothing runnable, and inline so it can be shown in an <img>.
 */
export function photoResponse(photo: { content_type: string; size_bytes: number; data: Uint8Array; sha256: string }, cacheControl: string): Response {
	return new Response(new Uint8Array(photo.data), {
		headers: {
			'content-type': photo.content_type,
			'content-length': String(photo.size_bytes),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin',
			'cache-control': cacheControl,
			etag: `"${photo.sha256}"`
		}
	});
}
