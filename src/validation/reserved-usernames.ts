/**
 * Names nobody can register, in the form `isReservedUsername` compares: case-folded, without
 * `_ . -`, without accents, and without trailing digits, so `no-reply` is listed as `noreply`
 * and `mailer-daemon` as `mailerdaemon`. Every entry is lower-case ASCII letters only (a test
 * checks it), which is what makes that comparison form reach them.
 *
 * Exact names only, not prefixes: `admin`, `Admin_2` and `a.d.m.i.n` are refused, `admin-team`
 * and `administrator_fan` are not (see docs/validation.md for why).
 */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  // RFC 2142 role mailboxes, and the ones certificate authorities accept for domain validation
  // (CA/Browser Forum Baseline Requirements 3.2.2.4.4): a username that may become a mailbox
  // or a "from" name must not claim them.
  'abuse', 'admin', 'administrator', 'ftp', 'hostmaster', 'info', 'marketing', 'news', 'noc',
  'postmaster', 'sales', 'security', 'support', 'usenet', 'uucp', 'webmaster', 'www',
  // Other system senders and Unix accounts mail and logs show as the sender.
  'daemon', 'donotreply', 'listserv', 'mailer', 'mailerdaemon', 'majordomo', 'nobody', 'noreply',
  'root',
  // People and roles who speak for the service: impersonating them is how phishing starts.
  'admins', 'administrators', 'bulwark', 'billing', 'compliance', 'contact', 'help', 'helpdesk',
  'legal', 'mod', 'moderator', 'moderators', 'mods', 'official', 'operator', 'operators', 'owner',
  'owners', 'privacy', 'service', 'staff', 'superuser', 'sysadmin', 'sysop', 'system', 'team',
  'trustandsafety', 'verified',
  // Values that code or templates can mistake for "no user" or for "every user".
  'all', 'anon', 'anonymous', 'everyone', 'false', 'guest', 'here', 'localhost', 'me', 'nan',
  'nil', 'none', 'null', 'self', 'true', 'undefined', 'unknown', 'user', 'username', 'users', 'you',
  // Route and page names, so a profile path such as /u/<name> can never look like one of ours.
  'about', 'account', 'accounts', 'api', 'assets', 'auth', 'callback', 'changepassword',
  'comment', 'comments', 'dashboard', 'file', 'files', 'health', 'healthz', 'home', 'index', 'login',
  'logout', 'mfa', 'oauth', 'password', 'passwords', 'profile', 'register', 'resetpassword',
  'session', 'sessions', 'settings', 'signin', 'signout', 'signup', 'static', 'status', 'totp',
  'upload', 'uploads',
]);
