#!/usr/bin/env node
// Where a .wasm file's bytes go: its sections, and its functions grouped by where they come from.
//   node scripts/wasm-size.mjs FILE.wasm [--top N] [--json]
// Function names come from the file's name section: link a copy with --profiling-funcs (docs/performance.md,
// "Size audit of the wasm", says how). Without names only the sections are shown. Each group's gzip figure is its
// function bodies gzipped together (level 9), a guide to what removing it would save, not an exact share.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
if (!file) {
  console.error('usage: node scripts/wasm-size.mjs FILE.wasm [--top N] [--json]');
  process.exit(2);
}
const bytes = readFileSync(file);
const gz = (b) => gzipSync(b, { level: 9 }).length;

function readLeb(at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
function readName(at) {
  const [length, start] = readLeb(at);
  return [bytes.toString('utf8', start, start + length), start + length];
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let importedFunctions = 0;
const names = new Map();
let codeStart = 0, codeEnd = 0, dataStart = 0, dataEnd = 0;
for (let at = 8; at < bytes.length;) {
  const id = bytes[at];
  const [size, start] = readLeb(at + 1);
  const end = start + size;
  let name = SECTION_NAMES[id] ?? `unknown ${id}`;
  if (id === 0) name = `custom "${readName(start)[0]}"`;
  sections.push({ name, bytes: end - at, gzip: gz(bytes.subarray(at, end)) });
  if (id === 2) {
    let [count, p] = readLeb(start);
    for (; count > 0; count -= 1) {
      [, p] = readName(p);
      [, p] = readName(p);
      const kind = bytes[p++];
      if (kind === 0) { importedFunctions += 1; [, p] = readLeb(p); }
      else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = readLeb(p); if (flags & 1) [, p] = readLeb(p); }
      else if (kind === 2) { const flags = bytes[p++]; [, p] = readLeb(p); if (flags & 1) [, p] = readLeb(p); }
      else if (kind === 3) p += 2;
    }
  }
  if (id === 10) [codeStart, codeEnd] = [start, end];
  if (id === 11) [dataStart, dataEnd] = [start, end];
  if (id === 0 && readName(start)[0] === 'name') {
    let p = readName(start)[1];
    while (p < end) {
      const kind = bytes[p];
      const [length, body] = readLeb(p + 1);
      if (kind === 1) {
        let [count, q] = readLeb(body);
        for (; count > 0; count -= 1) {
          let index, text;
          [index, q] = readLeb(q);
          [text, q] = readName(q);
          names.set(index, text);
        }
      }
      p = body + length;
    }
  }
  at = end;
}

const functions = [];
if (codeStart) {
  let [count, p] = readLeb(codeStart);
  for (let i = 0; i < count; i += 1) {
    const [size, body] = readLeb(p);
    const index = importedFunctions + i;
    functions.push({ index, name: names.get(index) ?? `function ${index}`, bytes: body + size - p, start: p, end: body + size });
    p = body + size;
  }
}

// Demangled names, in one call of c++filt (binutils) for all of them.
if (names.size) {
  try {
    const demangled = execFileSync('c++filt', { input: functions.map((f) => f.name).join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n');
    functions.forEach((f, i) => { f.demangled = demangled[i] || f.name; });
  } catch {
    functions.forEach((f) => { f.demangled = f.name; });
  }
}

// Matched against a function's own name: its qualified name with the template arguments and the parameter list
// taken out ("std::__2::__tree::__emplace_unique_key_args"), so that a parameter type does not decide. First match
// wins. LTO inlines across files: the bindings' load() holds most of the loader, about() and questions() the JSON
// API's, so those are counted with what they hold.
const ORIGINS = [
  ['our loader (knowledge_base.cpp; in the bindings\' load())', /^\(anonymous namespace\)::load$|^soreness::(\(anonymous namespace\)::)?(loader|validator|reader|load_knowledge_base|knowledge_base::)|^soreness::(\(anonymous namespace\)::)?(read_|check_|plural|phone_number|country)/],
  ['our JSON API (checker.cpp, json_text.cpp; in the bindings\' calls)', /^\(anonymous namespace\)::(about|questions|step|next_questions|assess|no_checker)$|^soreness::(checker|error_json|detail::|\(anonymous namespace\)::(report|collect_evidence|question_json|timeline_json|lines_json|watch_for|chosen|question_ids|ok_json))/],
  ['our answers and triage (answers.cpp, assessment.cpp)', /^soreness::/],
  ['Embind', /^emscripten::|^_?_?embind|^__getTypeName/],
  ['malloc (emmalloc) and operator new/delete', /^(malloc|free|realloc|calloc|memalign|posix_memalign|aligned_alloc|emmalloc|sbrk|mallinfo|claim_more_memory|attempt_allocate|validate_memory|compute_free|link_to_free|unlink_from_free|create_memory_region|prepend_to_free|operator new|operator delete)|^\(anonymous namespace\)::(heap_bytes|allocated_bytes)$|__libcpp_operator_(new|delete)/],
  ['nlohmann: parser, lexer, SAX', /^nlohmann::.*(parser|lexer|sax|input_adapter|parse|exception|parse_error|out_of_range|type_error|invalid_iterator)/],
  ['nlohmann: serializer (dump, number to text)', /^nlohmann::.*(serializer|dtoa|to_chars|grisu|output_|dump)/],
  ['nlohmann: values, objects, arrays', /^nlohmann::/],
  ['libc++ containers and strings (map, vector, string; nlohmann\'s objects are std::map)', /^std::__2::(__tree|map|set|vector|basic_string|__split_buffer|__vector_base|optional|__optional|variant|__variant|pair|array|unique_ptr|shared_ptr|__shared|allocator|__compressed_pair|char_traits|__function|function|__value_func|initializer_list|back_insert|__wrap_iter|less|to_string)/],
  ['libc++ algorithms (sort, merge, ...)', /^std::__2::/],
  ['libc++abi, RTTI of libc++ classes', /^(std::|__cxxabiv1::|__cxa|abort_message|is_equal)/],
  ['libc: printf (snprintf)', /^(snprintf|vsnprintf|__vfprintf_internal|printf_core|fmt_|pop_arg|out|pad|sn_write|frexp)/],
  ['libc: strtod and its long double arithmetic', /^(strto|__strto|scanexp|decfloat|__floatscan|__shgetc|__shlim|__intscan|scalbn|fmodl|copysignl|__(add|sub|mul|div)tf3|__trunctfdf2|__extenddftf2|__(fix|float)[a-z]*tf|__lttf2|__letf2|__getf2|__eqtf2|__netf2|__unordtf2|__gttf2|__ashlti3|__lshrti3|__multi3)/],
  ['libc: memory, strings, other', /^(mem|str|__memcpy|__memset|abort|__stack|stack|_emscripten|emscripten_|__wasm|__errno|__lock|__unlock|__lockfile|__unlockfile|dummy|__emscripten|legalstub|dynCall)/],
];
function ownName(demangled) {
  let depth = 0, out = '';
  for (let i = 0; i < demangled.length; i += 1) {
    const c = demangled[i];
    if (c === '<') depth += 1;
    else if (c === '>') depth -= 1;
    else if (c === '(' && depth === 0 && !/\(anonymous namespace$|\(anonymous$/.test(out) && demangled.slice(i, i + 20) !== '(anonymous namespace') break;
    else if (depth === 0) out += c;
  }
  // A leading return type ("void std::__2::sort") is not part of the name.
  return out.replace(/^(void|bool|int|unsigned|char|double|decltype|auto|std::\S+)\s+(?=\S)/, '').trim();
}
function originOf(fn) {
  const name = ownName(fn.demangled ?? fn.name);
  fn.own = name;
  for (const [origin, pattern] of ORIGINS) if (pattern.test(name)) return origin;
  return 'other (unnamed, or not matched)';
}

const groups = new Map();
for (const fn of functions) {
  fn.origin = originOf(fn);
  const group = groups.get(fn.origin) ?? { origin: fn.origin, count: 0, bytes: 0, bodies: [] };
  group.count += 1;
  group.bytes += fn.bytes;
  group.bodies.push(bytes.subarray(fn.start, fn.end));
  groups.set(fn.origin, group);
}
const groupRows = [...groups.values()]
  .map((g) => ({ origin: g.origin, functions: g.count, bytes: g.bytes, gzip: gz(Buffer.concat(g.bodies)) }))
  .sort((a, b) => b.bytes - a.bytes);

// Data segments: mostly string literals (messages, field names) and constant tables.
let dataStrings = 0;
if (dataStart) {
  const text = bytes.subarray(dataStart, dataEnd);
  dataStrings = (text.toString('latin1').match(/[\x20-\x7e]{4,}/g) ?? []).reduce((n, s) => n + s.length, 0);
}

const summary = {
  file,
  bytes: bytes.length,
  gzip: gz(bytes),
  sections,
  functions: functions.length,
  named: names.size > 0,
  data_printable_text_bytes: dataStrings,
  groups: names.size ? groupRows : [],
  largest: functions.sort((a, b) => b.bytes - a.bytes).slice(0, top)
    .map((f) => ({ bytes: f.bytes, origin: f.origin, name: f.demangled ?? f.name })),
};

if (args.includes('--json')) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const num = (n) => n.toLocaleString('en');
  console.log(`${file}: ${num(summary.bytes)} bytes, ${num(summary.gzip)} bytes of gzip -9, ${summary.functions} functions`);
  console.log('\n| section | bytes | gzip alone |\n| --- | ---: | ---: |');
  for (const s of sections) console.log(`| ${s.name} | ${num(s.bytes)} | ${num(s.gzip)} |`);
  console.log(`\ndata: ${num(dataStrings)} bytes are runs of 4+ printable characters (text)`);
  if (!summary.named) {
    console.log('\nno name section: link with --profiling-funcs to see functions by origin');
  } else {
    console.log('\n| origin | functions | code bytes | gzip of its bodies |\n| --- | ---: | ---: | ---: |');
    for (const g of groupRows) console.log(`| ${g.origin} | ${g.functions} | ${num(g.bytes)} | ${num(g.gzip)} |`);
    console.log(`\nlargest ${top} functions:`);
    for (const f of summary.largest) console.log(`${String(f.bytes).padStart(7)}  ${f.origin.padEnd(44).slice(0, 44)}  ${f.name.slice(0, 150)}`);
  }
}
