import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../context.js';
import type { TestDatabase } from './databases.js';

export interface SmtpServer {
	port: number;
	stop(): Promise<void>;
}

export interface Received {
	to: string[];
	subject: string;
	body: string;
	/** Header lines, unfolded, keyed by lower-case name (e.g. 'from', 'list-unsubscribe'). */
	headers: Record<string, string>;
}
/** The name some suites use for the same thing. */
export type ReceivedMail = Received;
export type TestSmtp = SmtpServer;

/** How the test server answers a recipient: null accepts it, else an SMTP reply such as 550 or 451. */
export type RecipientRule = (address: string) => { code: number; message: string } | null;

/**
 * A real SMTP server in this process (no auth, no TLS) that keeps what it receives, or hands each
 * message to a callback. `rejectRecipient` makes it refuse chosen recipients with a real SMTP
 * reply (a permanent 5xx or a transient 4xx), as a real server does.
 */
export async function startSmtp(received: Received[] | ((message: Received) => void), port = 0, options: { rejectRecipient?: RecipientRule } = {}): Promise<SmtpServer> {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			const rule = options.rejectRecipient?.(address.address);
			if (!rule) return callback();
			callback(Object.assign(new Error(rule.message), { responseCode: rule.code }));
		},
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const message = { to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString('utf8')) };
				if (typeof received === 'function') received(message);
				else received.push(message);
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

/** Just enough MIME for our plain-text mails: the headers and a (quoted-printable or base64) body. */
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
	} else if (/^base64/i.test(headers['content-transfer-encoding'] ?? '')) {
		body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
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

/**
 * For a database suite whose services send mail: a real SMTP server for the suite, and a context
 * on the suite's database that delivers to it. `smtp` may be stopped and replaced by a test.
 */
export function smtpSuite(get: () => TestDatabase): { received: Received[]; ctx: AppContext; smtp: SmtpServer | undefined } {
	const suite = { received: [] as Received[], ctx: undefined as unknown as AppContext, smtp: undefined as SmtpServer | undefined };
	beforeAll(async () => {
		suite.smtp = await startSmtp(suite.received);
		suite.ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${suite.smtp.port}` });
	});
	afterAll(async () => {
		await suite.smtp?.stop();
	});
	return suite;
}
