export type { ThrottleBackend } from './throttle-backend.js';
export { createLoginThrottle, type BeginAttemptResult, type LoginAttempt, type LoginThrottle } from './login-throttle.js';
export {
  createRegistrationThrottle,
  type RegistrationDecision,
  type RegistrationThrottle,
} from './registration-throttle.js';
export { computeBlockSeconds, MAX_BLOCK_SECONDS } from './compute-block-seconds.js';
export { toClientNetwork } from './to-client-network.js';
export type { ThrottleOptions } from './types.js';
