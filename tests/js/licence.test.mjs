// The licence (issue 14): soreness-check is Apache-2.0, every package says so, and the built site and the
// widget carry the notices of the third-party code they ship (the Emscripten glue and, in the wasm,
// nlohmann/json, libc++/libc++abi/compiler-rt, musl and emmalloc). The packed tarball is checked in
// tests/browser/widget-package.test.mjs.
//
//   node --test tests/js/licence.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteDir } from './site.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(file, 'utf8');
const license = read(path.join(ROOT, 'LICENSE'));
const notices = read(path.join(ROOT, 'THIRD-PARTY-NOTICES.txt'));

test('LICENSE is the Apache License 2.0, whole', () => {
  assert.match(license, /^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
  for (let section = 1; section <= 9; section += 1) assert.match(license, new RegExp(`\\n\\s+${section}\\. [A-Z]`), `section ${section}`);
  // Debian's copy is the standard text; where it is installed, ours is byte-identical.
  const debian = '/usr/share/common-licenses/Apache-2.0';
  if (existsSync(debian)) assert.equal(license, read(debian));
});

test('every package.json says Apache-2.0 (the tooling, the benchmark\'s tools, the widget, the built widget)', () => {
  for (const file of ['package.json', 'tests/bench/lighthouse/package.json', 'web/src/embed/package.json']) {
    assert.equal(JSON.parse(read(path.join(ROOT, file))).license, 'Apache-2.0', file);
  }
  const built = JSON.parse(read(path.join(siteDir, 'widget/package.json')));
  assert.equal(built.license, 'Apache-2.0');
  assert.ok(built.files.includes('LICENSE') && built.files.includes('THIRD-PARTY-NOTICES.txt'), 'the package publishes both files');
});

test('the notices name every third-party part the shipped files contain, with its licence text', () => {
  const parts = [
    ['nlohmann/json', /Copyright \(c\) 2013-2022 Niels Lohmann/, /MIT License/],
    ['Emscripten', /Emscripten is available under 2 licenses, the MIT license and the\nUniversity of Illinois\/NCSA Open Source License/, /Neither the names of Mozilla/],
    ['libc\\+\\+, libc\\+\\+abi and compiler-rt', /Apache-2\.0 WITH LLVM-exception/, /LLVM Exceptions to the Apache 2\.0 License/],
    ['musl libc', /Copyright © 2005-2020 Rich Felker, et al\./, /standard MIT license/],
    ['emmalloc', /Copyright 2018 The Emscripten Authors/, /their texts are in section 2/],
    // Issue 16: the configurator's QR codes.
    ['qr 0\\.7\\.0', /Copyright \(c\) 2023 Paul Miller/, /The MIT License \(MIT\)/],
  ];
  for (const [name, ...patterns] of parts) {
    assert.match(notices, new RegExp(`\\n\\d\\. [^\\n]*${name}`), `a section for ${name}`);
    for (const pattern of patterns) assert.match(notices, pattern, name);
  }
  assert.ok(notices.endsWith(license), 'the Apache License text the LLVM parts refer to is included in full');
});

test('every npm package whose code the site ships is pinned and has a notices section of its own version', () => {
  const lock = JSON.parse(read(path.join(ROOT, 'package-lock.json')));
  const shipped = Object.entries(JSON.parse(read(path.join(ROOT, 'package.json'))).dependencies ?? {});
  assert.ok(shipped.length > 0);
  for (const [name, version] of shipped) {
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned to one version`);
    assert.equal(lock.packages[`node_modules/${name}`]?.version, version, `${name} in package-lock.json`);
    assert.match(notices, new RegExp(`\\n\\d\\. ${name} ${version.replace(/\./g, '\\.')} `), `a notices section for ${name} ${version}`);
    const licence = read(path.join(ROOT, 'node_modules', name, 'LICENSE-MIT'));
    assert.ok(notices.includes(licence.trim()), `${name}'s licence text, as the package has it`);
  }
  // Only in the configurator (qr's alphanumeric table marks its code): the checker's own bundles hold none of it.
  const qrTable = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  assert.ok(read(path.join(siteDir, 'configure.js')).includes(qrTable), 'configure.js bundles qr');
  for (const file of ['app.js', 'checker-worker.js', 'checker.js', 'widget/soreness-check.js']) {
    assert.ok(!read(path.join(siteDir, file)).includes(qrTable), `${file} holds no QR code`);
  }
});

test('the built site and the built widget carry LICENSE and the notices; the service worker does not precache them', () => {
  assert.equal(read(path.join(siteDir, 'THIRD-PARTY-NOTICES.txt')), notices);
  assert.equal(read(path.join(siteDir, 'widget/THIRD-PARTY-NOTICES.txt')), notices);
  assert.equal(read(path.join(siteDir, 'widget/LICENSE')), license);
  const precache = JSON.parse(/const PRECACHE = (\[.*?\]);/s.exec(read(path.join(siteDir, 'sw.js')))[1]);
  assert.ok(precache.length > 0);
  assert.deepEqual(precache.filter((url) => /NOTICES|LICENSE/.test(url)), []);
});
