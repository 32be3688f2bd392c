import { connect } from 'node:net';
import { error } from '@sveltejs/kit';
import { config } from '../config.js';
import { log } from '../log.js';
import * as m from '../../paraglide/messages.js';

/**
 * Antivirus for uploads (ASVS 5.0 V5.4.3). With CLAMD_HOST set, every file of every upload form
 * is streamed to clamd before the route sees it; an infected file is refused and never stored,
 * and when the scanner cannot answer the upload is refused too ("try later"): with scanning
 * configured, nothing unscanned is stored. Without CLAMD_HOST scanning is off (docs/deploy.md).
 */

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface VirusScanner {
	scan(bytes: Uint8Array): Promise<ScanResult>;
}

/** The scanner could not give a verdict: unreachable, too slow, or it answered an error. */
export class ScannerUnavailable extends Error {}

/**
 * clamd's INSTREAM command over TCP: "zINSTREAM\0", then the file as chunks each preceded by its
 * length (4 bytes, big-endian), then a zero length; clamd answers one NUL-terminated line,
 * "stream: OK" or "stream: <signature> FOUND" (or "... ERROR", e.g. past its StreamMaxLength).
 */
export function clamdScanner({ host, port, timeoutMs = 30_000, chunkBytes = 64 * 1024 }: { host: string; port: number; timeoutMs?: number; chunkBytes?: number }): VirusScanner {
	return {
		scan: (bytes) =>
			new Promise<ScanResult>((resolve, reject) => {
				const socket = connect({ host, port });
				const replies: Buffer[] = [];
				let settled = false;
				const finish = (outcome: () => void) => {
					if (settled) return;
					settled = true;
					socket.destroy();
					outcome();
				};
				socket.setTimeout(timeoutMs, () => finish(() => reject(new ScannerUnavailable(`clamd at ${host}:${port} did not answer within ${timeoutMs} ms`))));
				socket.on('error', (cause) => finish(() => reject(new ScannerUnavailable(`clamd at ${host}:${port} is unreachable: ${cause.message}`))));
				socket.on('data', (data) => {
					replies.push(data);
					const reply = Buffer.concat(replies);
					const end = reply.indexOf(0);
					if (end >= 0) finish(() => settle(reply.subarray(0, end).toString('utf8').trim(), resolve, reject));
				});
				socket.on('end', () => finish(() => settle(Buffer.concat(replies).toString('utf8').replace(/\0+$/, '').trim(), resolve, reject)));
				socket.on('connect', () => {
					socket.write('zINSTREAM\0');
					for (let at = 0; at < bytes.byteLength; at += chunkBytes) {
						const chunk = bytes.subarray(at, Math.min(at + chunkBytes, bytes.byteLength));
						const length = Buffer.alloc(4);
						length.writeUInt32BE(chunk.byteLength);
						socket.write(length);
						socket.write(chunk);
					}
					socket.write(Buffer.alloc(4));
				});
			})
	};
}

function settle(reply: string, resolve: (r: ScanResult) => void, reject: (e: Error) => void): void {
	const found = /^stream: (.+) FOUND$/.exec(reply);
	if (found) return resolve({ clean: false, signature: found[1]! });
	if (reply === 'stream: OK') return resolve({ clean: true });
	reject(new ScannerUnavailable(`clamd answered: ${reply.slice(0, 200) || '(nothing)'}`));
}

/** The deployment's scanner, or null when scanning is off. */
export function configuredScanner(): VirusScanner | null {
	const { CLAMD_HOST, CLAMD_PORT } = config();
	return CLAMD_HOST ? clamdScanner({ host: CLAMD_HOST, port: CLAMD_PORT }) : null;
}

/**
 * Scans every file in an upload form. An infected file stops the request with 422 and a plain
 * message naming it; a scanner that cannot answer stops it with 503 (Retry-After is added by the
 * hooks). Either way the route never runs, so nothing of the form is stored.
 */
export async function scanUploadedFiles(form: FormData, scanner: VirusScanner | null = configuredScanner()): Promise<void> {
	if (!scanner) return;
	for (const [field, entry] of form.entries()) {
		if (typeof entry === 'string' || entry.size === 0) continue;
		let result: ScanResult;
		try {
			result = await scanner.scan(new Uint8Array(await entry.arrayBuffer()));
		} catch (caught) {
			log('error', 'virus scanner unavailable: upload refused', { field, bytes: entry.size, error: caught });
			error(503, m.security_more_upload_scanner_down({ name: entry.name }));
		}
		if (!result.clean) {
			log('warn', 'infected upload refused', { field, bytes: entry.size, signature: result.signature });
			error(422, m.security_more_upload_infected({ name: entry.name }));
		}
	}
}
