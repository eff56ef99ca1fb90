export interface ThrottleOptions {
  /** Consecutive failures per (account, IP) before a block (default 5). */
  loginMaxConsecutiveFailures: number;
  /** First block length in seconds (default 900); each further block doubles, up to 24 h. */
  loginBlockSeconds: number;
  /** Failed logins per IP across all accounts in one hour before that IP is blocked (default 100). */
  loginMaxFailuresPerIpPerHour: number;
  /** Registrations per IP per hour (default 10). */
  registrationsPerIpPerHour: number;
}
