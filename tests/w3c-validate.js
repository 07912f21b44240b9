// w3c-validate.js
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs the W3C Web Annotation MUST checks (annotationMusts.test) on every
// annotation of an AnnotationCollection written by Glossa, as the shared
// standards README describes: ajv-draft-04 with formats, every definition
// registered first, each assertion compiled and compared with its
// expectedResult.  Also checks that the deliberately wrong samples fail, so
// that a validator that accepts anything cannot pass.
//
// usage: node w3c-validate.js STANDARDS_DIR COLLECTION.jsonld

'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const [root, file] = process.argv.slice(2);
const ajv = new Ajv({ strict: false });
addFormats(ajv);
for (const f of fs.readdirSync(path.join(root, 'definitions')))
  if (f.endsWith('.json'))
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(root, 'definitions', f), 'utf8')));

const list = JSON.parse(fs.readFileSync(path.join(root, 'annotations', 'annotationMusts.test'), 'utf8'));
const checks = list.assertions.map((a) => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, a), 'utf8'));
  return { name: a, schema, validate: ajv.compile(schema) };
}).filter((c) => c.schema.assertionType === 'must');

function failures(annotation) {
  const failed = [];
  for (const c of checks) {
    const ok = c.validate(annotation);
    if (ok !== ((c.schema.expectedResult || 'valid') === 'valid'))
      failed.push(`${c.name}: ${c.schema.errorMessage}`);
  }
  return failed;
}

let bad = 0;
for (const f of fs.readdirSync(path.join(root, 'samples', 'incorrect'))) {
  if (!f.startsWith('app-style-bad'))
    continue;
  let sample;
  try { sample = JSON.parse(fs.readFileSync(path.join(root, 'samples', 'incorrect', f), 'utf8')); }
  catch (e) { continue; }
  if (failures(sample).length === 0) {
    console.log(`the validator accepts the wrong sample ${f}`);
    bad++;
  }
}

const collection = JSON.parse(fs.readFileSync(file, 'utf8'));
if (collection.type !== 'AnnotationCollection' || !collection.first || !Array.isArray(collection.first.items)) {
  console.log('not an AnnotationCollection with a first page of items');
  process.exit(1);
}
const items = collection.first.items;
for (const annotation of items) {
  for (const f of failures(annotation)) {
    console.log(`FAIL ${annotation.id}: ${f}`);
    bad++;
  }
}
console.log(`${items.length} annotations × ${checks.length} MUST checks: ${bad === 0 ? 'all pass' : bad + ' failures'}`);
process.exit(bad === 0 ? 0 : 1);
