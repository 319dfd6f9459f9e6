import test from 'ava';
import { runStages, stateOf, type ApiStage } from './ApiStage.js';
import { stageContext } from './stageContext.js';

test('runStages › runs the stages in order, each around the ones after it', async (t) => {
  const seen: string[] = [];
  const stage =
    (name: string): ApiStage =>
    async (_ctx, next) => {
      seen.push(`${name} in`);
      await next();
      seen.push(`${name} out`);
    };
  await runStages([stage('a'), stage('b')], stageContext());
  t.deepEqual(seen, ['a in', 'b in', 'b out', 'a out']);
});

test('runStages › a stage that does not call next ends the request there', async (t) => {
  let reached = false;
  await runStages(
    [
      () => Promise.resolve(),
      () => {
        reached = true;
        return Promise.resolve();
      },
    ],
    stageContext(),
  );
  t.false(reached);
});

test('runStages › calling next twice is refused', async (t) => {
  const twice: ApiStage = async (_ctx, next) => {
    await next();
    await next();
  };
  await t.throwsAsync(runStages([twice], stageContext()), { message: /more than once/ });
});

test('stateOf › names the stage that has not run yet', (t) => {
  t.throws(() => stateOf(stageContext(), 'principal'), { message: /principal stage has not run/ });
  t.is(stateOf(stageContext({ state: { requestId: 'r1' } }), 'requestId'), 'r1');
});
