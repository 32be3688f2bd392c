import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

export interface CertificateText {
	/** Already translated labels, so the certificate follows the page's language. */
	labels: {
		heading: string;
		certifies: string;
		completed: string;
		hours: string;
		dates: string;
		issuer: string;
		code: string;
		verifyAt: string;
	};
	educatorName: string;
	offeringTitle: string;
	hours: string;
	creditTypeName: string | null;
	dates: string;
	issuerName: string;
	ecosystemName: string;
	code: string;
	verifyUrl: string;
}

/**
 * The standard PDF fonts cover WinAnsi (Latin-1 and a few more), which includes Spanish. Any other
 * character is written without its accents when that fits, otherwise as "?", so an unusual name
 * never stops a certificate from being made.
 */
function encodable(font: PDFFont, text: string): string {
	let out = '';
	for (const char of text) {
		if (fits(font, char)) {
			out += char;
			continue;
		}
		const bare = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
		out += bare !== '' && [...bare].every((c) => fits(font, c)) ? bare : '?';
	}
	return out;
}

function fits(font: PDFFont, char: string): boolean {
	try {
		font.encodeText(char);
		return true;
	} catch {
		return false;
	}
}

/** A one-page landscape certificate (US Letter), text only, with the verification code and address. */
export async function certificatePdf(text: CertificateText): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.setTitle(`${text.labels.heading}: ${text.offeringTitle}`);
	pdf.setAuthor(text.issuerName);
	pdf.setSubject(`${text.labels.code}: ${text.code}`);
	pdf.setProducer('Parity');
	pdf.setCreator('Parity');
	const page = pdf.addPage([792, 612]);
	const regular = await pdf.embedFont(StandardFonts.Helvetica);
	const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
	const ink = rgb(0.1, 0.12, 0.16);
	const accent = rgb(0.05, 0.33, 0.55);
	page.drawRectangle({ x: 24, y: 24, width: 744, height: 564, borderColor: accent, borderWidth: 3 });

	let y = 520;
	const line = (value: string, font: PDFFont, size: number, color = ink, gap = 14) => {
		const safe = encodable(font, value);
		// Long titles shrink to fit the page width rather than running off it.
		let fontSize = size;
		while (font.widthOfTextAtSize(safe, fontSize) > 680 && fontSize > 9) fontSize -= 1;
		const width = font.widthOfTextAtSize(safe, fontSize);
		page.drawText(safe, { x: (792 - width) / 2, y, size: fontSize, font, color });
		y -= fontSize + gap;
	};
	line(text.ecosystemName, regular, 14, accent, 24);
	line(text.labels.heading, bold, 30, ink, 26);
	line(text.labels.certifies, regular, 14);
	line(text.educatorName, bold, 26, ink, 20);
	line(text.labels.completed, regular, 14);
	line(text.offeringTitle, bold, 20, ink, 26);
	line(`${text.labels.hours}: ${text.hours}${text.creditTypeName ? ` (${text.creditTypeName})` : ''}`, regular, 14, ink, 10);
	line(`${text.labels.dates}: ${text.dates}`, regular, 14, ink, 10);
	line(`${text.labels.issuer}: ${text.issuerName}`, regular, 14, ink, 30);
	line(`${text.labels.code}: ${text.code}`, bold, 14, ink, 8);
	line(`${text.labels.verifyAt} ${text.verifyUrl}`, regular, 11, accent);
	return pdf.save();
}
