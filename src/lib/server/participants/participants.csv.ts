/**
 * A streaming CSV tokenizer for participant files (RFC 4180: comma-separated, values in double
 * quotes may hold commas, line breaks and doubled quotes; lines end in LF, CRLF or CR; empty lines
 * are skipped). Pure: text goes in, complete records come out. A line without a quote mark is split
 * in one native call, which is what makes a million-row file cheap to read; only lines with quotes
 * are walked character by character. A line longer than `maxLine` characters is refused (almost
 * always a missing closing quote), so a broken file cannot make the reader hold it whole.
 */

export class CsvSyntaxError extends Error {}

const QUOTE_INSIDE = 'a quote mark is in the middle of a value; a value with quote marks must start and end with one, and double the quote marks inside it';

export class CsvTokenizer {
	private buffer = '';
	private position = 0;
	private started = false;
	private lineEnd: '\n' | '\r' | undefined;

	constructor(private readonly maxLine = 1 << 20) {}

	/**
	 * Adds `text` and appends every record it completes to `out`. With `final`, the end of the input:
	 * a last line without a line break is a record; an open quote is an error.
	 */
	push(text: string, final: boolean, out: string[][]): void {
		if (!this.started && (text !== '' || final)) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		const buffer = this.position < this.buffer.length ? this.buffer.slice(this.position) + text : text;
		this.buffer = buffer;
		this.position = 0;
		if (this.lineEnd === undefined) {
			const detected = detectLineEnd(buffer, final);
			if (!detected) {
				if (buffer.length > this.maxLine) throw new CsvSyntaxError(`the first line runs on for more than ${this.maxLine.toLocaleString('en')} characters`);
				return;
			}
			this.lineEnd = detected;
		}
		const lineEnd = this.lineEnd;
		let position = 0;
		let quote = buffer.indexOf('"');
		let comma = buffer.indexOf(',');
		for (;;) {
			if (position >= buffer.length) break;
			const newline = buffer.indexOf(lineEnd, position);
			if (quote !== -1 && quote < position) quote = buffer.indexOf('"', position);
			if (quote === -1 || (newline !== -1 && quote > newline)) {
				if (newline === -1 && !final) break;
				const next = newline === -1 ? buffer.length : newline + 1;
				let end = newline === -1 ? buffer.length : newline;
				if (lineEnd === '\n' && end > position && buffer.charCodeAt(end - 1) === 13) end--;
				if (end > position) {
					// Commas found with native indexOf and each value cut straight from the buffer: cutting
					// the line first and splitting it made a million-row file 30 % slower. The next comma
					// is remembered across lines, so lines without one cost no scan of the rest.
					const cells: string[] = [];
					let from = position;
					for (;;) {
						if (comma !== -1 && comma < from) comma = buffer.indexOf(',', from);
						if (comma === -1 || comma >= end) break;
						cells.push(buffer.slice(from, comma));
						from = comma + 1;
					}
					cells.push(buffer.slice(from, end));
					out.push(cells);
				}
				position = next;
				continue;
			}
			const record = this.quotedRecord(position, final);
			if (!record) break;
			out.push(record.cells);
			position = record.next;
		}
		if (buffer.length - position > this.maxLine) {
			throw new CsvSyntaxError(`a line runs on for more than ${this.maxLine.toLocaleString('en')} characters; a closing quote mark is probably missing`);
		}
		this.position = position;
		if (final) {
			this.buffer = '';
			this.position = 0;
		}
	}

	/** One record with quotes from `start`; null when the buffer ends before the record does. */
	private quotedRecord(start: number, final: boolean): { cells: string[]; next: number } | null {
		const buffer = this.buffer;
		const lineEnd = this.lineEnd!;
		const cells: string[] = [];
		let i = start;
		for (;;) {
			if (buffer.charCodeAt(i) === 34) {
				let value = '';
				let from = i + 1;
				for (;;) {
					const close = buffer.indexOf('"', from);
					if (close === -1) {
						if (final) throw new CsvSyntaxError('a value opens a quote mark that is never closed');
						return null;
					}
					value += buffer.slice(from, close);
					if (close + 1 >= buffer.length && !final) return null;
					if (buffer.charCodeAt(close + 1) === 34) {
						value += '"';
						from = close + 2;
						continue;
					}
					i = close + 1;
					break;
				}
				cells.push(value);
				if (i >= buffer.length) return { cells, next: i };
				const c = buffer[i];
				if (c === ',') {
					i++;
					continue;
				}
				if (c === lineEnd) return { cells, next: i + 1 };
				if (c === '\r' && lineEnd === '\n') {
					if (i + 1 >= buffer.length && !final) return null;
					if (buffer[i + 1] === '\n') return { cells, next: i + 2 };
				}
				throw new CsvSyntaxError(`a value in quotes is followed by “${c}” instead of a comma or the end of the line`);
			}
			const newline = buffer.indexOf(lineEnd, i);
			if (newline === -1 && !final) return null;
			const end = newline === -1 ? buffer.length : newline;
			const comma = buffer.indexOf(',', i);
			if (comma !== -1 && comma < end) {
				const value = buffer.slice(i, comma);
				if (value.includes('"')) throw new CsvSyntaxError(QUOTE_INSIDE);
				cells.push(value);
				i = comma + 1;
				continue;
			}
			let valueEnd = end;
			if (lineEnd === '\n' && valueEnd > i && buffer.charCodeAt(valueEnd - 1) === 13) valueEnd--;
			const value = buffer.slice(i, valueEnd);
			if (value.includes('"')) throw new CsvSyntaxError(QUOTE_INSIDE);
			cells.push(value);
			return { cells, next: newline === -1 ? buffer.length : newline + 1 };
		}
	}
}

/** The first line break outside quotes: CRLF and LF read as '\n', a lone CR as '\r'. */
function detectLineEnd(text: string, final: boolean): '\n' | '\r' | undefined {
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) quoted = !quoted;
		else if (!quoted && c === 10) return '\n';
		else if (!quoted && c === 13) {
			if (i + 1 === text.length) return final ? '\r' : undefined;
			return text.charCodeAt(i + 1) === 10 ? '\n' : '\r';
		}
	}
	return final ? '\n' : undefined;
}

/** All records of a whole text (tests, small inputs). */
export function tokenizeCsv(text: string): string[][] {
	const out: string[][] = [];
	new CsvTokenizer().push(text, true, out);
	return out;
}
