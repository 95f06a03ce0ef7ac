import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { checkedLookup } from '../../libs/notifications/webhook-target';

/** What a receiver answered: its status and the start of its body (what an attempt's log keeps of it). */
export interface PostAnswer {
  readonly status: number;
  readonly text: string;
}

/** The most of a receiver's answer that is read: enough for its error message, never a flood into memory. */
const ANSWER_BYTES = 200;

/**
 * POSTs a webhook's body, connecting only to addresses `checkedLookup` lets through (the check and the connection
 * use one resolution, so DNS rebinding cannot slip past it); no redirect is followed (a 3xx is an answer like any
 * other); the whole exchange is bounded by `timeoutMs`.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  allowHosts: readonly string[],
  timeoutMs: number,
): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target,
      {
        method: 'POST',
        lookup: checkedLookup(allowHosts),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.length >= ANSWER_BYTES) res.destroy(); // read no more: the status is what counts
        });
        const done = () => resolve({ status: res.statusCode ?? 0, text: text.slice(0, ANSWER_BYTES) });
        res.on('end', done);
        res.on('close', done);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
