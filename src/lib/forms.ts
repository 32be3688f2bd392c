export interface FieldIssue {
	field: string;
	message: string;
}

export interface FormState {
	issues?: FieldIssue[];
	values?: Record<string, string | undefined>;
	saved?: boolean;
	message?: string;
}

export function messagesFor(form: FormState | null | undefined, field: string): string[] {
	return (form?.issues ?? []).filter((i) => i.field === field).map((i) => i.message);
}

/** The value to show in a field: what was just typed if the form came back, else the stored one. */
export function valueOf(form: FormState | null | undefined, field: string, stored: string | number | null | undefined): string {
	const typed = form?.values?.[field];
	if (form?.issues && typed !== undefined) return typed;
	if (form?.issues && form.values && !(field in form.values)) return '';
	return stored === null || stored === undefined ? '' : String(stored);
}
