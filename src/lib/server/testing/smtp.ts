import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	to: string[];
	subject: string;
	body: string;
	/** Header lines, unfolded, keyed by lower-case name (e.g. 'from', 'list-unsubscribe'). */
	headers: Record<string, string>;
}

export interface TestSmtp {
	port: number;
	stop(): Promise<void>;
}

/** A real SMTP server in this process (no auth, no TLS) that keeps what it receives. */
export async function startSmtp(received: ReceivedMail[], port = 0): Promise<TestSmtp> {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString('utf8')) });
				done();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.server.address() as AddressInfo).port,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Just enough MIME for our plain-text mails: the headers and a (quoted-printable) body. */
export function parseMessage(raw: string): { subject: string; body: string; headers: Record<string, string> } {
	const split = raw.indexOf('\r\n\r\n');
	const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const headers: Record<string, string> = {};
	for (const line of headerText.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	let body = raw.slice(split + 4);
	if (/^quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
		body = Buffer.from(
			body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
			'latin1'
		).toString('utf8');
	}
	return { subject: decodeWords(headers['subject'] ?? ''), body, headers };
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
			kind.toLowerCase() === 'b'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
		);
}
