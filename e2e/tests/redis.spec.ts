/** The redis-server launcher works: PING over a socket, and the fault helpers do what they say. */
import { test, expect } from '../support/fixtures.js';
import { redisCommand } from '../support/redis.js';

test('redis-server on loopback answers PING and survives freeze, kill and restart', async ({
  startRedis,
}) => {
  const redis = await startRedis();
  expect(await redisCommand(redis.port, ['PING'])).toBe('+PONG');
  expect(await redisCommand(redis.port, ['SET', 'k', 'v'])).toBe('+OK');

  redis.pause();
  await expect(redisCommand(redis.port, ['PING'], 500)).rejects.toThrow(/did not answer/);
  redis.resume();
  expect(await redisCommand(redis.port, ['PING'])).toBe('+PONG');

  await redis.kill();
  await expect(redisCommand(redis.port, ['PING'], 500)).rejects.toThrow();
  await redis.restart();
  expect(await redisCommand(redis.port, ['PING'])).toBe('+PONG');
  // Started empty: no persistence between runs.
  expect(await redisCommand(redis.port, ['EXISTS', 'k'])).toBe(':0');
});
