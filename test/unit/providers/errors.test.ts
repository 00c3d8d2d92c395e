import { expect } from 'chai';
import { callContext, parseRetryAfter, redact, serverMessageOf, statusError } from '../../../app/providers/errors.js';

describe('provider error helpers', () => {
  it('parseRetryAfter: seconds, fractions, retry-after-ms, HTTP dates, garbage', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }))).to.equal(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.25' }))).to.equal(250);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).to.equal(1500);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(parseRetryAfter(new Headers({ 'retry-after': inTenSeconds }))).to.be.within(8000, 10_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).to.equal(undefined);
    expect(parseRetryAfter(new Headers())).to.equal(undefined);
  });

  it('serverMessageOf: the shapes providers use, plain text, long text shortened', () => {
    expect(serverMessageOf('{"error":{"message":"Invalid key","type":"x"}}')).to.equal('Invalid key');
    expect(serverMessageOf('{"error":"model not found"}')).to.equal('model not found');
    expect(serverMessageOf('{"message":"nope"}')).to.equal('nope');
    expect(serverMessageOf('  upstream\n  down ')).to.equal('upstream down');
    expect(serverMessageOf('')).to.equal(undefined);
    expect(serverMessageOf('x'.repeat(500))!.length).to.equal(200);
  });

  it('redact removes the key wherever it appears, and leaves text alone without one', () => {
    expect(redact('key sk-abc123 was refused (sk-abc123)', 'sk-abc123')).to.equal('key [redacted] was refused ([redacted])');
    expect(redact('nothing', null)).to.equal('nothing');
  });

  it('statusError maps statuses to kinds, with remedies that can be acted on', () => {
    const ctx = callContext('openai', 'https://api.openai.com/v1', 'gpt-x');
    const kinds = [401, 403, 404, 400, 422, 429, 500, 503].map((s) => statusError(ctx, s).kind);
    expect(kinds).to.deep.equal(['auth', 'auth', 'not_found', 'bad_request', 'bad_request', 'rate_limit', 'server', 'server']);
    const auth = statusError(ctx, 401, 'Incorrect API key');
    expect(auth.message).to.include('OpenAI').and.include('HTTP 401: Incorrect API key');
    expect(auth.remedy).to.include('pyra vault set provider:openai:api_key').and.include('pyra setup');
    expect(statusError(ctx, 404).message).to.include('"gpt-x"');
    expect(statusError(ctx, 429, undefined, 3000).remedy).to.include('Wait 3 s');
    expect(statusError(ctx, 429, undefined, 3000).retryAfterMs).to.equal(3000);
  });
});
