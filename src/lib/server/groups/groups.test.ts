import { describe, expect, it } from 'vitest';
import { canJoin, canManage, canSee, detectFileType, fileProblems, handleOf, mentionedHandles, safeFilename, type Viewer, type Visibility } from './groups.js';

describe('mentions', () => {
	it.each([
		['Thanks @marisol.member and @Tom_2!', ['marisol.member', 'tom_2']],
		['email me at rosa@example.org', []],
		['@andre.educator: see above. cc @andre.educator', ['andre.educator']],
		['trailing dot @keisha.partner.', ['keisha.partner']],
		['no mention @ here', []]
	])('finds the handles in %j', (body, handles) => {
		expect(mentionedHandles(body)).toEqual(handles);
	});

	it('uses the part of the email before @ as the handle', () => {
		expect(handleOf('Marisol.Member@philadelphia.demo.parity.example')).toBe('marisol.member');
	});
});

describe('who sees, joins and manages a group', () => {
	const outsider: Viewer = { signedIn: false, ecosystemMember: false, groupRole: null, staff: false };
	const otherEcosystem: Viewer = { signedIn: true, ecosystemMember: false, groupRole: null, staff: false };
	const member: Viewer = { signedIn: true, ecosystemMember: true, groupRole: null, staff: false };
	const inGroup: Viewer = { ...member, groupRole: 'member' };
	const lead: Viewer = { ...member, groupRole: 'lead' };
	const staff: Viewer = { ...member, staff: true };
	const cases: [string, Viewer, Visibility, boolean, boolean][] = [
		['signed out', outsider, 'public', true, false],
		['signed out', outsider, 'members', false, false],
		['another ecosystem', otherEcosystem, 'members', false, false],
		['ecosystem member', member, 'public', true, true],
		['ecosystem member', member, 'members', true, true],
		['ecosystem member', member, 'invitation', false, false],
		['group member', inGroup, 'invitation', true, false],
		['staff', staff, 'invitation', true, false]
	];
	it.each(cases)('%s, %s group: sees %s, may join %s', (_label, viewer, visibility, sees, joins) => {
		expect(canSee(visibility, viewer)).toBe(sees);
		expect(canJoin(visibility, viewer)).toBe(joins);
	});

	it.each([
		[lead, true],
		[staff, true],
		[inGroup, false],
		[member, false]
	])('manage: %o → %s', (viewer, expected) => {
		expect(canManage(viewer)).toBe(expected);
	});
});

describe('shared files', () => {
	const bytes = (...values: number[]) => new Uint8Array(values);
	const text = (s: string) => new TextEncoder().encode(s);
	it.each([
		['agenda.pdf', text('%PDF-1.7 ...'), 'application/pdf'],
		['photo.PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
		['photo.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
		['notes.docx', bytes(0x50, 0x4b, 0x03, 0x04, 0x14), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['roster.csv', text('name,school\nAna,Lincoln\n'), 'text/csv'],
		['readme.txt', text('Plain words, ñ and é.'), 'text/plain'],
		['virus.pdf', text('MZ\x90\x00 not a pdf'), null],
		['page.html', text('<script>alert(1)</script>'), null],
		['fake.png', text('%PDF-1.4'), null],
		['archive.zip', bytes(0x50, 0x4b, 0x03, 0x04), null],
		['binary.txt', bytes(0x41, 0x00, 0x42), null],
		['latin1.csv', bytes(0x41, 0xe9, 0x42), null],
		['chart.csv', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), null],
		['roster.png', text('name,school\nAna,Lincoln\n'), null]
	])('%s is %s', (name, content, type) => {
		expect(detectFileType(name, content)).toBe(type);
	});

	it('refuses empty, oversized and unknown files with every reason', () => {
		expect(fileProblems('a.txt', new Uint8Array())).toEqual(['Choose a file to upload.']);
		const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
		expect(fileProblems('big.txt', big)).toEqual(['The file is larger than 5 MB.']);
		expect(fileProblems('big.exe', big)).toHaveLength(2);
	});

	it.each([
		['../../etc/passwd', 'passwd'],
		['C:\\Users\\ana\\Plan "final".pdf', 'Plan final.pdf'],
		['...hidden', 'file.hidden'],
		['日本.pdf', 'file.pdf'],
		['', 'file']
	])('makes %j a safe file name', (name, safe) => {
		expect(safeFilename(name)).toBe(safe);
	});
});
