// The OpenAPI document the server serves is valid against the official OpenAPI 3.1 schema.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";

const BASE = process.env.BRINK_URL ?? "http://127.0.0.1:8080/";

test("the served /api/openapi.json is a valid OpenAPI 3.1 document", async () => {
  const response = await fetch(new URL("api/openapi.json", BASE));
  assert.equal(response.status, 200);
  const doc = await response.json();
  const validator = new Validator();
  const result = await validator.validate(doc);
  assert.equal(validator.version, "3.1");
  // Schema errors and $refs that do not resolve both make it invalid.
  assert.ok(result.valid, JSON.stringify(result.errors, null, 1));
});
