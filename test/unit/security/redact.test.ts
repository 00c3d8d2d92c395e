import { expect } from 'chai';
import { maskSecret, redact } from '../../../app/security/redact.js';

// Test values are assembled at run time so no scanner mistakes this file for one holding real keys.
const join = (...parts: string[]) => parts.join('');

describe('security/redact', () => {
  const cases: [string, string, string][] = [
    ['OpenAI', join('sk-', 'proj-', 'AbCdEfGhIjKlMnOpQrStUvWx12'), 'openai_key'],
    ['Anthropic', join('sk-ant-', 'api03-', 'AbCdEfGhIjKlMnOpQrStUv'), 'anthropic_key'],
    ['GitHub classic', join('ghp_', 'a'.repeat(18), 'B'.repeat(18)), 'github_token'],
    ['GitHub fine-grained', join('github_pat_', '11ABCDEFG0', 'x'.repeat(40)), 'github_token'],
    ['AWS', join('AKIA', 'IOSFODNN7EXAMPLE'), 'aws_access_key'],
    ['Slack', join('xoxb-', '1234567890-', 'abcdefABCDEF'), 'slack_token'],
    ['Google', join('AIza', 'SyA-1234567890abcdefghijklmnopqrstu'), 'google_api_key'],
    ['JWT', join('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'), 'jwt'],
  ];

  for (const [name, secret, kind] of cases) {
    it(`masks ${name} keys as [REDACTED:${kind}]`, () => {
      const out = redact(`key is ${secret} ok`);
      expect(out).to.equal(`key is [REDACTED:${kind}] ok`);
    });
  }

  it('masks bearer tokens and secret assignments, keeping the names', () => {
    expect(redact('Authorization: Bearer abc.DEF-123_456789xyz')).to.equal('Authorization: Bearer [REDACTED:bearer_token]');
    expect(redact('password=hunter2hunter2 user=bob')).to.equal('password=[REDACTED:assignment] user=bob');
    expect(redact('"api_key": "zq8Xv2Lm"')).to.equal('"api_key": "[REDACTED:assignment]"');
    expect(redact('DB_PASSWORD: s3cr3t!')).to.equal('DB_PASSWORD: [REDACTED:assignment]');
    expect(redact('connect to postgres://app:Pa55word@db.internal/app')).to.equal('connect to postgres://app:[REDACTED:url_credentials]@db.internal/app');
  });

  it('masks PEM private key blocks whole', () => {
    const pem = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', '-----END OPENSSH PRIVATE KEY-----'].join('\n');
    expect(redact(`before\n${pem}\nafter`)).to.equal('before\n[REDACTED:private_key]\nafter');
  });

  it('masks long high-entropy runs but not long ordinary words', () => {
    expect(redact('digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).to.equal('digest [REDACTED:hex]');
    expect(redact('blob Zx8Qp2Lr7Tn4Vb1Mc6Kd9Hf3Gs5Jw0Ay8Ue2Ri7Ot4Pl1')).to.equal('blob [REDACTED:high_entropy]');
    expect(redact('Supercalifragilisticexpialidocious_and_some_more_words_here')).to.equal('Supercalifragilisticexpialidocious_and_some_more_words_here');
  });

  it('masks known secret values in every common encoding', () => {
    const secret = 'tr0ub4dor&3 "horse"';
    const text = [
      `plain ${secret}`,
      `b64 ${Buffer.from(secret).toString('base64')}`,
      `url ${encodeURIComponent(secret)}`,
      `json ${JSON.stringify(secret).slice(1, -1)}`,
    ].join('\n');
    const out = redact(text, [secret]);
    expect(out).to.not.contain('tr0ub4dor');
    expect(out).to.not.contain(Buffer.from(secret).toString('base64'));
    expect(out.match(/\[REDACTED:secret\]/g)).to.have.length(4);
  });

  it('ignores known secrets too short to mask meaningfully, and leaves plain text alone', () => {
    expect(redact('a cat sat', ['a', 'at'])).to.equal('a cat sat');
    expect(redact('Meeting at 10:00 in room 4, bring the slides.')).to.equal('Meeting at 10:00 in room 4, bring the slides.');
  });

  describe('maskSecret', () => {
    it('shows only the last four characters of long secrets', () => {
      expect(maskSecret(join('sk-', 'abcdefghijklmnop', 'wxyz'))).to.equal('••••••••wxyz');
    });
    it('shows nothing of short secrets and does not reveal their length', () => {
      expect(maskSecret('hunter2')).to.equal('••••••••');
      expect(maskSecret('ab')).to.equal('••••••••');
      expect(maskSecret('')).to.equal('');
      expect(maskSecret(undefined)).to.equal('');
    });
  });
});
