/**
 * Response schemas are allowlists: Fastify serializes only the fields listed here, so a hash,
 * a token or an internal field cannot leak by accident.
 */
export const errorResponse = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
  additionalProperties: false,
} as const;

export const publicUser = {
  type: 'object',
  required: ['id', 'username', 'email', 'createdAt'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    email: { type: 'string' },
    createdAt: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const publicSession = {
  type: 'object',
  required: ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'idleExpiresAt', 'current'],
  properties: {
    id: { type: 'string' },
    createdAt: { type: 'string' },
    lastSeenAt: { type: 'string' },
    expiresAt: { type: 'string' },
    idleExpiresAt: { type: 'string' },
    ip: { type: ['string', 'null'] },
    userAgent: { type: ['string', 'null'] },
    current: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

export const errorResponses = { '4xx': errorResponse, '5xx': errorResponse } as const;

export const emptyResponse = { type: 'null' } as const;
