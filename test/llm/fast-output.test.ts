import assert from "node:assert/strict";
import { test } from "node:test";
import { fastUserTurn, UserTurnSchema } from "../../src/interaction/user-simulator-operation.js";
import { fastStyleTransfer, StyleTransferSchema } from "../../src/query/style-transfer-operation.js";

/**
 * A hand-written parse must give exactly what the schema gives (value and key order) whenever it
 * answers, and leave to the schema everything it is not sure of.
 */
function sameAsSchema(
  fast: (json: unknown) => unknown,
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } },
  answers: string[],
  mustAnswer: string[],
): void {
  for (const text of [...answers, ...mustAnswer]) {
    const json = JSON.parse(text) as unknown;
    const quick = fast(json);
    const slow = schema.safeParse(JSON.parse(text));
    if (quick === undefined) {
      assert.ok(!mustAnswer.includes(text), `the usual answer ${text} went to the schema`);
      continue;
    }
    assert.ok(slow.success, `${text}: accepted by hand, refused by the schema`);
    assert.deepEqual(quick, slow.data, text);
    assert.equal(JSON.stringify(quick), JSON.stringify(slow.data), `${text}: key order`);
  }
}

test("the user turn's hand parse agrees with UserTurnSchema", () => {
  sameAsSchema(
    fastUserTurn,
    UserTurnSchema,
    [
      "null",
      "[]",
      '"text"',
      "{}",
      '{"satisfied":"yes"}',
      '{"satisfied":true,"feedback":3}',
      '{"satisfied":true,"gave_up":"no"}',
      '{"satisfied":true,"gave_up":null}',
      '{"feedback":"x"}',
    ],
    [
      '{"satisfied":true}',
      '{"satisfied":false,"feedback":"and the second part?"}',
      '{"satisfied":false,"feedback":null}',
      '{"gave_up":true,"feedback":"forget it","satisfied":false}',
      '{"satisfied":false,"feedback":"more","gave_up":false,"extra":1,"__proto__":{"x":1}}',
    ],
  );
});

test("the style transfer's hand parse agrees with StyleTransferSchema (trim, defaults)", () => {
  sameAsSchema(
    fastStyleTransfer,
    StyleTransferSchema,
    [
      "null",
      "[1]",
      "{}",
      '{"adapted_query":""}',
      '{"adapted_query":"   \\n "}',
      '{"adapted_query":5}',
      '{"adapted_query":"q","inferred_domain":null}',
      '{"adapted_query":"q","inferred_scenario":7}',
    ],
    [
      '{"adapted_query":"  help me plan a trip\\n","inferred_domain":"travel","inferred_scenario":"planning"}',
      '{"adapted_query":"q"}',
      '{"inferred_scenario":"s","adapted_query":"q","extra":[1]}',
      '{"adapted_query":"\\u00a0q\\u2028","inferred_domain":""}',
    ],
  );
});
