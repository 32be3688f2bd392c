import { config } from './config.js';
import { openDatabase, type Db } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { createAuth, type Auth } from './auth/better-auth.js';
import { Mailer } from './mail/mailer.js';

/** Everything a request or a script needs: one database, one mailer, one auth instance. */
export interface AppContext {
	db: Db;
	auth: Auth;
	mailer: Mailer;
	close(): Promise<void>;
}

export interface ContextOptions {
	databaseUrl?: string;
	smtpUrl?: string;
	origin?: string;
	secret?: string;
	mailFrom?: string;
	migrate?: boolean;
	signInLimit?: number;
}

export async function createContext(options: ContextOptions = {}): Promise<AppContext> {
	const cfg = config();
	const db = openDatabase(options.databaseUrl ?? cfg.DATABASE_URL);
	if (options.migrate !== false) await migrateToLatest(db.kysely);
	const mailer = new Mailer(db.kysely, options.smtpUrl ?? cfg.SMTP_URL, options.mailFrom ?? cfg.MAIL_FROM);
	const auth = createAuth({ db, mailer, secret: options.secret ?? cfg.authSecret, origin: options.origin ?? cfg.ORIGIN, signInLimit: options.signInLimit ?? cfg.SIGN_IN_RATE_LIMIT });
	return {
		db,
		auth,
		mailer,
		async close() {
			mailer.close();
			await db.close();
		}
	};
}
