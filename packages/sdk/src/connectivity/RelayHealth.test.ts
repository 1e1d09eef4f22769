import { describe, expect, it } from 'vitest';
import { CallErrorCode, type CallError } from '../errors.js';
import { silentLogger } from '../utils/logger.js';
import { RelayHealth } from './RelayHealth.js';

function health(relayOnly: boolean) {
  const errors: CallError[] = [];
  const relay = new RelayHealth({
    relayOnly: () => relayOnly,
    logger: silentLogger,
    onUnreachable: (e) => errors.push(e),
  });
  return { relay, errors };
}

describe('RelayHealth', () => {
  it('says nothing to the person when the call may go direct', () => {
    const { relay, errors } = health(false);
    relay.failed('timeout', 'b');
    expect(errors).toEqual([]);
  });

  it('reports a relay-only call without a relay once', () => {
    const { relay, errors } = health(true);
    relay.failed('timeout', 'b');
    relay.failed('timeout', 'c');
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.RelayUnreachable]);
  });

  it('treats losing a relay that worked as an outage, not a setup problem', () => {
    const { relay, errors } = health(true);
    relay.gathered();
    relay.failed('timeout', 'b');
    expect(errors).toEqual([]);
  });

  it('judges new connections afresh after reset()', () => {
    const { relay, errors } = health(true);
    relay.gathered();
    relay.reset();
    relay.failed('timeout', 'b');
    expect(errors).toHaveLength(1);
  });
});
