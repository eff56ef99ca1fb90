import type { FastifyReply } from 'fastify';
import { errorResponse } from '../schemas.js';

export interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  errors?: Record<string, string[]>;
}

/**
 * Sends an error body through the `errorResponse` schema, so fields it does not list are
 * dropped. Routes already serialize their 4xx/5xx through that schema; this covers the answers
 * no route owns (unknown addresses, requests the router refuses, failures before routing).
 */
export function sendErrorBody(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  const json = reply.serializeInput({ ...body }, errorResponse);
  return reply.status(status).type('application/json; charset=utf-8').send(json);
}
