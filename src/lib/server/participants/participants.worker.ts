/**
 * The worker thread of a large participant import: runs the file reader (participants.reader.ts)
 * on the bytes the import's thread sends, and sends its messages back. It never touches the
 * database. Bundled into one script by scripts/worker-source.ts (the app's build has no way to
 * emit a separate worker file), and started from that text by participants.stream.ts.
 *
 * In:  { type: 'bytes', bytes } … { type: 'end' }
 * Out: the reader's messages; { type: 'taken' } after each 'bytes'; { type: 'failed', message } on a bug.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ParticipantFileReader, type ReaderMessage, type ReaderOptions } from './participants.reader.js';

// Only as a worker: imported anywhere else (a test that loads every module), it does nothing.
if (parentPort) serve(parentPort);

function serve(port: MessagePort): void {
	const send = (message: ReaderMessage) => {
		// The group's numbers move to the other thread instead of being copied.
		if (message.type === 'group') port.postMessage(message, [message.group.codes.buffer as ArrayBuffer]);
		else port.postMessage(message);
	};
	const reader = new ParticipantFileReader(send, workerData as ReaderOptions);
	port.on('message', (message: { type: 'bytes'; bytes: Uint8Array } | { type: 'end' }) => {
		try {
			if (message.type === 'bytes') {
				reader.push(message.bytes);
				port.postMessage({ type: 'taken' });
			} else {
				reader.end();
			}
		} catch (error) {
			port.postMessage({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
		}
	});
}
