import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
	to: string[];
	subject: string;
	body: string;
}

/** A real SMTP server in this process (no auth, no TLS) that keeps what it receives. */
export async function startSmtp(received: Received[], port = 0): Promise<{ port: number; stop(): Promise<void> }> {
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

/** Just enough MIME for our plain-text mails: the Subject header and a (quoted-printable) body. */
function parseMessage(raw: string): { subject: string; body: string } {
	const split = raw.indexOf('\r\n\r\n');
	const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	let body = raw.slice(split + 4);
	if (/^content-transfer-encoding:\s*quoted-printable/im.test(headers)) {
		body = Buffer.from(
			body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
			'latin1'
		).toString('utf8');
	}
	return { subject: /^subject:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? '', body };
}
