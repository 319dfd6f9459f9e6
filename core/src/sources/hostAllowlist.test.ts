import test from 'ava';
import { createHostAllowlist } from './hostAllowlist.js';

test('hostAllowlist › * lets every host through', (t) => {
  t.true(createHostAllowlist(['*'])('169.254.169.254', 80));
});

test('hostAllowlist › CIDR blocks match IP literals only', (t) => {
  const allowed = createHostAllowlist(['127.0.0.0/8', '::1/128']);
  t.true(allowed('127.0.0.2', 9092));
  t.true(allowed('::1'));
  t.false(allowed('10.0.0.1', 9092));
  t.false(allowed('localhost', 9092), 'names are not resolved');
});

test('hostAllowlist › names, subdomains and ports', (t) => {
  const allowed = createHostAllowlist(['kafka.acme.internal:9093', '*.amazonaws.com', 'PubSub.local:*']);
  t.true(allowed('kafka.acme.internal', 9093));
  t.false(allowed('kafka.acme.internal', 9092), 'another port');
  t.true(allowed('sqs.eu-west-1.amazonaws.com', 443));
  t.false(allowed('amazonaws.com', 443), 'a suffix pattern is for subdomains');
  t.false(allowed('evilamazonaws.com', 443));
  t.true(allowed('pubsub.local', 8085), 'names compare without case');
  t.false(allowed('metadata.google.internal', 80));
});

test('hostAllowlist › an unreadable entry is refused', (t) => {
  t.throws(() => createHostAllowlist(['http://x/']), { message: /cannot read "http:\/\/x\/"/ });
});
