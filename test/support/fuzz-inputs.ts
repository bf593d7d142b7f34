import fc from 'fast-check';
import { pngImage } from './upload.js';

/**
 * The input generators of test/fuzz.test.ts. Each generates a small model (readable when fast-check
 * prints a counterexample) and a render function turns it into the bytes that are sent.
 */

/** What the generators need to know about the server's data: a DM room of two users and their tokens. */
export interface FuzzWorld {
  room: string;
  /** alice's and bob's user ids, and a user in no conversation with them */
  aliceId: number;
  bobId: number;
  carolName: string;
  access: string;
  refresh: string;
}

const PNG = pngImage(2, 2).toString('latin1');

/** Strings that tend to break things, beside fast-check's own. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF',
  '\u202E',
  '😀',
  '\r\n',
  '%',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  '[]',
  '{}',
  "'; DROP TABLE users; --",
  '$ne',
  'true',
  '-1',
  '99999999999999999999',
  '1e400',
  'NaN',
);
export const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
/** A string up to `max` characters long, mostly short, sometimes right around big lengths. */
const sizedString = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: anyString },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'é', '😀', ' ', '\u0000'), fc.integer({ min: 0, max })).map(([c, n]) => c.repeat(Math.floor(n / c.length))) },
  );

/** A string with every lone surrogate replaced by U+FFFD (what UTF-8 encoders send for one). */
export const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** encodeURIComponent, for any string (a URL cannot carry a lone surrogate: encodeURIComponent throws on one). */
export const encodeUri = (s: string) => encodeURIComponent(wellFormed(s));

// ---------------------------------------------------------------------------------------------------
// Multipart bodies

export interface MultipartPart {
  headers: string[];
  body: string;
  /** the body is bytes in latin1 (a PNG), not text */
  binary?: boolean;
}

export interface MultipartRequest {
  /** POST target: /graphql, /filesmessage/<room>/, /register/ */
  path: string;
  auth: 'none' | 'valid' | 'garbage';
  contentType: string;
  /** the boundary the body is written with (may differ from the header's) */
  boundary: string;
  preamble: string;
  parts: MultipartPart[];
  /** after the parts: normally `--<boundary>--\r\n`; ${B} stands for the boundary */
  ending: string;
  /** cut the rendered body to this fraction of its length (0..1), or leave it whole */
  truncate: number | null;
}

export function renderMultipart(m: MultipartRequest): Buffer {
  const chunks: Buffer[] = [Buffer.from(m.preamble)];
  for (const part of m.parts) {
    chunks.push(Buffer.from(`--${m.boundary}\r\n${part.headers.map((h) => `${h}\r\n`).join('')}\r\n`));
    chunks.push(Buffer.from(part.body, part.binary ? 'latin1' : 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(m.ending.replaceAll('${B}', m.boundary)));
  const body = Buffer.concat(chunks);
  return m.truncate === null ? body : body.subarray(0, Math.floor(body.length * m.truncate));
}

/** The known crasher (graphql-upload-minimal + busboy): a part header line without a colon. */
export const BAD_HEADER_CRASHER: MultipartRequest = {
  path: '/graphql',
  auth: 'none',
  contentType: 'multipart/form-data; boundary=B',
  boundary: 'B',
  preamble: '',
  parts: [{ headers: ['Bad Header'], body: 'x' }],
  ending: '--${B}--\r\n',
  truncate: null,
};

/** A form with no parts at all (`--B--`): graphql-upload-minimal answers it with its own status 500. */
export const EMPTY_FORM: MultipartRequest = { ...BAD_HEADER_CRASHER, parts: [] };

const boundaryArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/) },
  { weight: 1, arbitrary: fc.constantFrom('B', '----WebKitFormBoundary7MA4YWxkTrZu0gW', 'a b', '"', ' ', 'x'.repeat(71), 'x'.repeat(200), 'é', '--') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)) },
);

/** The Content-Type header for a body written with `boundary`. */
const contentTypeFor = (boundary: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(`multipart/form-data; boundary=${boundary}`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        `multipart/form-data; boundary="${boundary}"`,
        `multipart/form-data; charset=utf-8; boundary=${boundary}`,
        `MULTIPART/FORM-DATA; BOUNDARY=${boundary}`,
        `multipart/form-data;boundary=${boundary}`,
        `multipart/form-data; boundary=${boundary}; boundary=other`,
        'multipart/form-data',
        'multipart/form-data;',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary="unterminated',
        `multipart/mixed; boundary=${boundary}`,
        `multipart/form-data; boundary=${boundary}x`,
        `multipart/form-data; boundary=${'b'.repeat(2000)}`,
        `multipart/form-data; boundary*=UTF-8''%E2%82`,
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `multipart/form-data; ${s.replace(/[\r\n]/g, '')}`) },
  );

const cd = (name: string, filename?: string) => `Content-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;

/** Part header lines that are wrong in one way or another. */
const badHeaderLine = fc.oneof(
  fc.constantFrom(
    'Bad Header',
    'Content-Disposition: form-data',
    'Content-Disposition: form-data; name=',
    'Content-Disposition: form-data; name="unterminated',
    "Content-Disposition: form-data; name*=UTF-8''%E2%82",
    "Content-Disposition: form-data; name=\"0\"; filename*=UTF-8''%ZZ",
    'Content-Disposition: attachment; name="operations"',
    'Content-Disposition: form-data; name="ü"',
    'Content-Disposition:',
    ': no name',
    'Name-Only:',
    ' folded continuation',
    'Content-Type: ',
    'Content-Type: text/plain; charset=utf-16',
    'Content-Transfer-Encoding: base64',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Transfer-Encoding: nonsense',
    'content-disposition: FORM-DATA; NAME="map"',
  ),
  fc.constantFrom(100, 8_000, 16_500, 70_000).map((n) => `X-Big: ${'a'.repeat(n)}`),
  fc.constantFrom(100, 20_000).map((n) => `Content-Disposition: form-data; name="${'n'.repeat(n)}"`),
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, '')),
);

export function multipartRequests(world: FuzzWorld): fc.Arbitrary<MultipartRequest> {
  const operationsText = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ content: fc.option(sizedString(5000), { nil: undefined }), clientId: fc.option(anyString, { nil: undefined }) })
        .map(({ content, clientId }) =>
          JSON.stringify({
            query: 'mutation F($c: String!, $f: File!, $t: String, $id: String) { sendFile(conversation: $c, file: $f, content: $t, clientId: $id) { id content file { name size mimeType url } } }',
            variables: { c: world.room, f: null, t: content ?? null, id: clientId ?? null },
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        JSON.stringify({ query: '{ __typename }' }),
        JSON.stringify({ query: 'query Q($f: File) { __typename }', variables: { f: null } }),
        JSON.stringify({ query: 'mutation($f: File!) { sendFile(conversation: "nobody_here", file: $f) { id } }', variables: { f: null } }),
        JSON.stringify([{ query: 'mutation($f: File!) { sendFile(conversation: "x_y", file: $f) { id } }', variables: { f: null } }, { query: '{ __typename }' }]),
        JSON.stringify({ query: 'subscription { unreadCount { total } }' }),
        '{"query": "mutation($f: File!) { sendFile(conversation: \\"a\\", file: $f) { id } }", "variables": {"f": null}',
        '',
        'null',
        '"string"',
        '[]',
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: anyString },
  );
  const mapText = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('{"0":["variables.f"]}', '{"0":["0.variables.f"]}', '{"file":["variables.f"]}') },
    {
      weight: 2,
      arbitrary: fc
        .dictionary(
          fc.oneof(fc.constantFrom('0', '1', 'f', '__proto__', 'constructor', ''), anyString),
          fc.oneof(
            fc.array(
              fc.oneof(
                fc.constantFrom('variables.f', 'variables', 'variables.f.x', 'variables.t', '__proto__.polluted', 'variables.__proto__', 'constructor.prototype.x', 'query', '', ' ', 'a..b', '0.variables.f', 'variables.f.constructor'),
                anyString,
              ),
              { maxLength: 3 },
            ),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          { maxKeys: 3 },
        )
        .map((d) => JSON.stringify(d)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: anyString },
  );
  const fileBody = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ body: PNG, binary: true }) },
    { weight: 1, arbitrary: fc.constant({ body: PNG.slice(0, 20), binary: true }) },
    { weight: 2, arbitrary: sizedString(3000).map((body) => ({ body, binary: false })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((body) => ({ body, binary: false })) },
  );
  const filePart = (names: fc.Arbitrary<string>) =>
    fc
      .record({
        name: names,
        filename: fc.oneof(fc.constantFrom('a.png', 'notes.txt', '', '../../../etc/passwd', 'C:\\x\\y.png', 'x'.repeat(300), 'ü.png', 'a"b.png'), anyString.map((s) => s.replace(/[\r\n"]/g, ''))),
        type: fc.option(fc.constantFrom('image/png', 'text/plain', 'application/octet-stream', 'text/html', '', 'image/svg+xml', 'nonsense'), { nil: undefined }),
        content: fileBody,
      })
      .map(({ name, filename, type, content }) => ({ headers: [cd(name, filename), ...(type === undefined ? [] : [`Content-Type: ${type}`])], ...content }));
  const field = (name: string, value: fc.Arbitrary<string>) => value.map((body) => ({ headers: [cd(name)], body }));
  const randomPart = fc.oneof(
    field('operations', operationsText),
    field('map', mapText),
    filePart(fc.constantFrom('0', '1', 'file', 'files', 'content', 'operations')),
    fc.record({ headers: fc.array(fc.oneof(badHeaderLine, fc.constant(cd('0', 'x.png'))), { maxLength: 3 }), body: anyString }),
    anyString.map((name) => ({ headers: [cd(name.replace(/[\r\n"]/g, ''))], body: 'v' })),
  );

  /** A request's parts as the spec (or the route) orders them; then maybe broken in one way. */
  const wellOrdered = (path: string): fc.Arbitrary<MultipartPart[]> => {
    if (path === '/graphql') {
      return fc
        .tuple(field('operations', operationsText), field('map', mapText), fc.array(filePart(fc.constantFrom('0', '0', '1', 'file')), { maxLength: 2 }))
        .map(([o, m, files]) => [o, m, ...files]);
    }
    if (path === '/register/') {
      return fc
        .tuple(field('username', fc.oneof(anyString, fc.stringMatching(/^[a-z][a-z0-9.@+-]{2,20}$/))), field('password', sizedString(2000)), fc.array(randomPart, { maxLength: 1 }))
        .map(([u, p, rest]) => [u, p, ...rest]);
    }
    return fc
      .tuple(fc.option(field('content', sizedString(5000)), { nil: undefined }), filePart(fc.constant('files')), fc.array(randomPart, { maxLength: 1 }), fc.boolean())
      .map(([content, file, rest, contentFirst]) => [...(content && contentFirst ? [content] : []), file, ...(content && !contentFirst ? [content] : []), ...rest]);
  };
  type Mutation =
    | { kind: 'badHeader'; at: number; line: string }
    | { kind: 'noHeaders'; at: number }
    | { kind: 'swap'; at: number }
    | { kind: 'duplicate'; at: number }
    | { kind: 'remove'; at: number }
    | { kind: 'insert'; at: number; part: MultipartPart };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('badHeader' as const), at: fc.nat(5), line: badHeaderLine }),
    fc.record({ kind: fc.constant('noHeaders' as const), at: fc.nat(5) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(5) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(5) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(5) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(5), part: randomPart }),
  );
  const mutate = (parts: MultipartPart[], m: Mutation): MultipartPart[] => {
    const out = parts.map((p) => ({ ...p, headers: [...p.headers] }));
    if (out.length === 0) return m.kind === 'insert' ? [m.part] : out;
    const i = m.at % out.length;
    const p = out[i]!;
    switch (m.kind) {
      case 'badHeader':
        p.headers.splice(m.at % (p.headers.length + 1), 0, m.line);
        break;
      case 'noHeaders':
        p.headers = [];
        break;
      case 'swap':
        if (out.length > 1) [out[i], out[(i + 1) % out.length]] = [out[(i + 1) % out.length]!, p];
        break;
      case 'duplicate':
        out.splice(i, 0, { ...p });
        break;
      case 'remove':
        out.splice(i, 1);
        break;
      case 'insert':
        out.splice(i, 0, m.part);
        break;
    }
    return out;
  };
  const parts = (path: string) =>
    fc.oneof(
      { weight: 3, arbitrary: wellOrdered(path) },
      { weight: 4, arbitrary: fc.tuple(wellOrdered(path), fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([ps, ms]) => ms.reduce(mutate, ps)) },
      { weight: 1, arbitrary: fc.array(randomPart, { maxLength: 5 }) },
    );
  const ending = fc.oneof(
    { weight: 6, arbitrary: fc.constant('--${B}--\r\n') },
    { weight: 1, arbitrary: fc.constantFrom('', '--${B}--', '--${B}', '--${B}\r\n', '--${B}--\r\nepilogue', 'garbage', '--${B}-', '\r\n--${B}--\r\n', '--${B}--\r\n--${B}--\r\n') },
  );
  const path = fc.oneof(
    { weight: 3, arbitrary: fc.constant('/graphql') },
    { weight: 2, arbitrary: fc.constantFrom(`/filesmessage/${world.room}/`, `/imagemessage/${world.room}/`) },
    { weight: 1, arbitrary: fc.constant('/register/') },
  );
  return path.chain((p) =>
    boundaryArb.chain((boundary) =>
      fc.record({
        path: fc.constant(p),
        auth: fc.constantFrom<MultipartRequest['auth']>('valid', 'valid', 'none', 'garbage'),
        contentType: contentTypeFor(boundary),
        boundary: fc.oneof({ weight: 9, arbitrary: fc.constant(boundary) }, { weight: 1, arbitrary: boundaryArb }),
        preamble: fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('preamble\r\n', '\r\n', `--${boundary}\r\n`) }),
        parts: parts(p),
        ending,
        truncate: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------
// GraphQL documents and HTTP requests

const gqlString = (s: string) => JSON.stringify(s);
const literal: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('2147483648', '-2147483649', '99999999999999999999999', '0', '-1', '1.5', '1e400', 'true', 'false', 'null', 'JOIN', '[]', '{}', '[1, "a", null]', '{ a: 1 }', '"""block\nstring"""', '"\\u0000"', '"\\uD800"', '$v', '$undefinedVar'),
  anyString.map(gqlString),
);

/** Valid operations of this schema with random argument literals (most pass validation; the values are the fuzz). */
function templates(world: FuzzWorld): fc.Arbitrary<string> {
  const s = fc.oneof({ weight: 2, arbitrary: anyString.map(gqlString) }, { weight: 1, arbitrary: literal }, { weight: 1, arbitrary: fc.constantFrom(gqlString(world.room), gqlString(`${world.aliceId}_${world.bobId}`)) });
  const n = fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), literal);
  const list = fc.oneof(fc.array(s, { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`), literal);
  return fc.oneof(
    fc.tuple(s, n, s).map(([c, f, a]) => `{ messages(conversation: ${c}, first: ${f}, after: ${a}) { edges { cursor node { id content createdAt read readByAll mine sender { username } file { url name size mimeType } } } pageInfo { endCursor hasNextPage hasPreviousPage startCursor } } }`),
    fc.tuple(n, s, s).map(([f, q, a]) => `{ users(first: ${f}, search: ${q}, after: ${a}) { edges { cursor node { id username } } pageInfo { hasNextPage endCursor } } }`),
    s.map((c) => `{ conversation(name: ${c}) { id name isGroup createdAt lastActivityAt unreadCount participants { id username } online { username } lastMessage { content cursor } } }`),
    fc.tuple(n, s).map(([f, a]) => `{ conversations(first: ${f}, after: ${a}) { edges { cursor node { name unreadCount } } pageInfo { hasNextPage endCursor } } }`),
    fc.constantFrom('{ me { id username } unreadCount }', '{ __typename }', '{ __schema { types { name kind fields { name } } } }', '{ __type(name: "Message") { fields { name type { name kind ofType { name } } } } }'),
    fc.tuple(s, sizedString(6000).map(gqlString), s).map(([c, t, id]) => `mutation { sendMessage(conversation: ${c}, content: ${t}, clientId: ${id}) { id content clientId conversation } }`),
    fc.tuple(list, list).map(([u, i]) => `mutation { startConversation(usernames: ${u}, userIds: ${i}) { id name participants { username } } }`),
    fc.tuple(s, s).map(([c, u]) => `mutation { markRead(conversation: ${c}, upTo: ${u}) { id unreadCount } }`),
    fc.tuple(s, literal).map(([c, t]) => `mutation { setTyping(conversation: ${c}, typing: ${t}) }`),
    fc.tuple(s, sizedString(3000).map(gqlString)).map(([u, p]) => `mutation { login(username: ${u}, password: ${p}) { access user { id } } }`),
    fc.tuple(s, sizedString(2000).map(gqlString)).map(([u, p]) => `mutation { register(username: ${u}, password: ${p}) { user { id username } } }`),
    fc.oneof(s, fc.constant(gqlString(world.refresh)), fc.constant(gqlString(world.access))).map((r) => `mutation { refreshToken(refresh: ${r}) { access } }`),
    fc.constantFrom('subscription { unreadCount { total } }', `subscription { messageAdded(conversation: ${gqlString(world.room)}) { id } }`),
  );
}

const FIELD_NAMES = ['me', 'users', 'conversations', 'conversation', 'messages', 'unreadCount', '__typename', '__schema', '__type', 'id', 'username', 'edges', 'node', 'pageInfo', 'content', 'sender', 'participants', 'lastMessage', 'file', 'types', 'fields', 'name', 'type', 'ofType', 'nope', 'register', 'sendMessage'];

/** Random selections (mostly invalid against the schema): unknown fields, random arguments, aliases, directives, nesting. */
const selection: fc.Arbitrary<string> = fc.letrec<{ sel: string }>((tie) => ({
  sel: fc
    .tuple(
      fc.option(fc.constantFrom('a', 'b', 'x1', '__typename', 'me'), { nil: undefined }),
      fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,8}$/)),
      fc.array(fc.tuple(fc.constantFrom('first', 'after', 'name', 'conversation', 'search', 'x', 'if'), literal), { maxLength: 2 }),
      fc.option(fc.constantFrom('@include(if: true)', '@skip(if: $v)', '@unknown', '@defer', '@stream(initialCount: 1)', '@include(if: "no")', '@skip(if: true) @skip(if: false)'), { nil: undefined }),
      fc.option(fc.array(tie('sel'), { minLength: 1, maxLength: 3 }), { nil: undefined, depthSize: 'small' }),
    )
    .map(([alias, name, args, directive, sub]) => {
      const a = args.length > 0 ? `(${args.map(([k, v]) => `${k}: ${v}`).join(', ')})` : '';
      return `${alias ? `${alias}: ` : ''}${name}${a}${directive ? ` ${directive}` : ''}${sub ? ` { ${sub.join(' ')} }` : ''}`;
    }),
})).sel;

const VAR_TYPES = ['String', 'String!', 'Int', 'Int!', 'ID', 'Boolean!', '[String!]', '[ID!]!', 'File', 'PresenceKind', 'Message', 'Nope', '[[Int]]'];

/** A document: a template, a random selection, or a shape that stresses the parser and the limits. */
export function documents(world: FuzzWorld): fc.Arbitrary<string> {
  const op = fc
    .tuple(
      fc.constantFrom('', 'query', 'query Q', 'mutation', 'mutation M', 'subscription', 'query Q'),
      fc.array(fc.tuple(fc.constantFrom('$v', '$w', '$c', '$v'), fc.constantFrom(...VAR_TYPES), fc.option(literal, { nil: undefined })), { maxLength: 3 }),
      fc.array(selection, { minLength: 1, maxLength: 4 }),
    )
    .map(([kind, vars, sels]) => {
      const defs = vars.length > 0 && kind ? `(${vars.map(([n, t, d]) => `${n}: ${t}${d ? ` = ${d}` : ''}`).join(', ')})` : '';
      return `${kind}${defs} { ${sels.join(' ')} }`;
    });
  const stress = fc.oneof(
    fc.integer({ min: 1, max: 60 }).map((d) => `{ __schema { types { fields { type { ${'ofType { '.repeat(d)}name${' }'.repeat(d)} } } } } }`),
    fc.integer({ min: 1, max: 400 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`),
    fc.integer({ min: 1, max: 200 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
    fc.integer({ min: 1, max: 3000 }).map((n) => `${'{'.repeat(n)}${'}'.repeat(n)}`),
    fc.constantFrom(
      'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
      'fragment A on Query { me { id } } { ...A ...A ...Undefined }',
      '{ ... on Query { __typename } ... on Mutation { __typename } }',
      'query A { __typename } query A { __typename }',
      'query A { __typename } query B { __typename }',
      '{ me { id } } mutation { login(username: "a", password: "b") { access } }',
      'subscription { unreadCount { total } messageAdded(conversation: "a") { id } }',
      '{ me { ...on User { ...on User { ...on User { id } } } } }',
      'query ($v: String = $v) { __typename }',
      '{ users(first: 100) { edges { node { id username } } } conversations(first: 100) { edges { node { participants { username } lastMessage { sender { username } } } } } }',
    ),
    fc.integer({ min: 1000, max: 800_000 }).map((n) => `{ users(search: "${'s'.repeat(n)}") { edges { node { id } } } }`),
    fc.integer({ min: 1, max: 5000 }).map((n) => `{ __typename${' '.repeat(n)}# ${'c'.repeat(n)}\n }`),
  );
  const base = fc.oneof({ weight: 5, arbitrary: templates(world) }, { weight: 3, arbitrary: op }, { weight: 2, arbitrary: stress });
  // syntax damage: cut, duplicate or insert at a random point
  return fc.oneof(
    { weight: 5, arbitrary: base },
    {
      weight: 2,
      arbitrary: fc.tuple(base, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('', '{', '}', '(', ')', '$', '"', '...', '@', ':', '\u0000', '\uFEFF', 'query', '#', '\\', '"""')).map(([d, at, ins]) => {
        const i = Math.floor(d.length * at);
        return d.slice(0, i) + ins + d.slice(i + (ins === '' ? 1 : 0));
      }),
    },
    { weight: 1, arbitrary: anyString },
  );
}

export interface GraphQLHttpRequest {
  method: 'POST' | 'GET';
  auth: 'none' | 'valid' | 'refresh' | 'garbage';
  contentType: string | null;
  accept: string | null;
  /** POST: the body text; GET: the query string (without '?') */
  payload: string;
}

export function graphqlRequests(world: FuzzWorld): fc.Arbitrary<GraphQLHttpRequest> {
  const variables = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('v', 'w', 'c', 'f', '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const operation = fc.record(
    {
      query: fc.oneof({ weight: 9, arbitrary: documents(world) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      variables,
      operationName: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('Q', 'M', 'A', 'B', '', 'nope') }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      extensions: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom({ persistedQuery: { version: 1, sha256Hash: 'abc' } }, 'x', null) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
    },
    { requiredKeys: ['query'] },
  );
  const postBody = fc.oneof(
    { weight: 8, arbitrary: operation.map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.array(operation, { maxLength: 3 }).map((os) => JSON.stringify(os)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.oneof(anyString, documents(world)) },
  );
  const getQuery = fc
    .tuple(documents(world), fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'), anyString), { nil: undefined }), fc.option(anyString, { nil: undefined }), fc.boolean())
    .map(([q, v, name, raw]) => {
      if (raw) return `query=${q}${v === undefined ? '' : `&variables=${v}`}`.replace(/[#\s]/g, (c) => encodeURIComponent(c));
      const params = new URLSearchParams({ query: q });
      if (v !== undefined) params.set('variables', v);
      if (name !== undefined) params.set('operationName', name);
      return params.toString();
    });
  const auth = fc.constantFrom<GraphQLHttpRequest['auth']>('valid', 'valid', 'none', 'refresh', 'garbage');
  const accept = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom('application/json', 'application/graphql-response+json', 'application/graphql-response+json, application/json;q=0.9', 'text/html', '*/*', 'multipart/mixed', 'image/png', 'text/event-stream') },
    { weight: 1, arbitrary: anyString.map((s) => s.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, '')) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(null, 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/graphql', 'application/graphql+json', 'text/plain', 'application/x-www-form-urlencoded', 'application/graphql-response+json', 'APPLICATION/JSON') },
    { weight: 1, arbitrary: anyString.map((s) => s.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, '')) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ method: fc.constant('POST' as const), auth, contentType, accept, payload: postBody }) },
    { weight: 1, arbitrary: fc.record({ method: fc.constant('GET' as const), auth, contentType: fc.constant(null), accept, payload: getQuery }) },
  );
}

// ---------------------------------------------------------------------------------------------------
// Raw HTTP requests

export interface RawHttpRequest {
  /** a whole request line instead of method/target/version */
  requestLine: string | null;
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  /** how the header names are cased */
  casing: 'as-is' | 'lower' | 'upper' | 'random';
  body: string;
  framing: 'none' | 'length' | 'length-short' | 'length-long' | 'length-bad' | 'length-twice' | 'chunked' | 'chunked-garbage' | 'chunked-unterminated' | 'chunked-and-length';
  /** a second request on the same connection after this one */
  pipelined: string | null;
  halfClose: boolean;
}

const UPGRADE_HEADERS: [string, string][] = [
  ['Connection', 'Upgrade'],
  ['Upgrade', 'websocket'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
  ['Sec-WebSocket-Version', '13'],
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND', 'get', 'BREW'];

/** Whether the server has all it needs to answer (a well-formed request line and a body it can delimit). */
export function isComplete(r: RawHttpRequest): boolean {
  if (r.requestLine !== null) return false;
  if (!['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'].includes(r.method)) return false;
  if (!/^\/[\x21-\x7e]*$/.test(r.target)) return false;
  if (!['HTTP/1.1', 'HTTP/1.0'].includes(r.version)) return false;
  if (r.headers.some(([n, v]) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(n) || /[\r\n\u0000]/.test(v) || /[^\x20-\x7e\t]/.test(v))) return false;
  if (r.headers.some(([n]) => /^(content-length|transfer-encoding|expect|upgrade|connection)$/i.test(n))) return false;
  return r.framing === 'none' || r.framing === 'length' || r.framing === 'chunked';
}

export function renderRawHttp(r: RawHttpRequest): Buffer {
  const name = (n: string, i: number) => {
    switch (r.casing) {
      case 'lower':
        return n.toLowerCase();
      case 'upper':
        return n.toUpperCase();
      case 'random':
        return [...n].map((c, j) => ((i + j) % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
      default:
        return n;
    }
  };
  const body = Buffer.from(r.body);
  const framingHeaders: string[] = [];
  let sentBody: Buffer = Buffer.alloc(0);
  switch (r.framing) {
    case 'none':
      break;
    case 'length':
      framingHeaders.push(`Content-Length: ${body.length}`);
      sentBody = body;
      break;
    case 'length-short':
      framingHeaders.push(`Content-Length: ${Math.max(0, body.length - 5)}`);
      sentBody = body;
      break;
    case 'length-long':
      framingHeaders.push(`Content-Length: ${body.length + 10}`);
      sentBody = body;
      break;
    case 'length-bad':
      framingHeaders.push(`Content-Length: -${body.length}x`);
      sentBody = body;
      break;
    case 'length-twice':
      framingHeaders.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
      sentBody = body;
      break;
    case 'chunked':
      framingHeaders.push('Transfer-Encoding: chunked');
      sentBody = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from(body.length > 0 ? '\r\n0\r\n\r\n' : '\r\n')]);
      if (body.length === 0) sentBody = Buffer.from('0\r\n\r\n');
      break;
    case 'chunked-garbage':
      framingHeaders.push('Transfer-Encoding: chunked');
      sentBody = Buffer.concat([Buffer.from('zz\r\n'), body, Buffer.from('\r\n-1\r\n\r\n')]);
      break;
    case 'chunked-unterminated':
      framingHeaders.push('Transfer-Encoding: chunked');
      sentBody = Buffer.concat([Buffer.from(`${(body.length + 100).toString(16)}\r\n`), body]);
      break;
    case 'chunked-and-length':
      framingHeaders.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked');
      sentBody = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
      break;
  }
  const line = r.requestLine ?? `${r.method} ${r.target} ${r.version}`;
  const headerText = [...r.headers.map(([n, v], i) => `${name(n, i)}: ${v}`), ...framingHeaders.map((h, i) => {
    const colon = h.indexOf(':');
    return `${name(h.slice(0, colon), i)}${h.slice(colon)}`;
  })].map((h) => `${h}\r\n`).join('');
  return Buffer.concat([Buffer.from(`${line}\r\n${headerText}\r\n`), sentBody, Buffer.from(r.pipelined ?? '')]);
}

export function rawHttpRequests(world: FuzzWorld, port: () => number): fc.Arbitrary<RawHttpRequest> {
  const host = () => `127.0.0.1:${port()}`;
  const targets = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        '/graphql',
        '/graphql/',
        '/graphql?query=%7B__typename%7D',
        '/graphql?query={__typename}',
        '/graphql?query=%7B',
        '/health',
        '/files/abc',
        '/files/abc/name.png?exp=1&sig=x',
        '/files/abc?exp=99999999999999999999&sig=',
        '/files/../../etc/passwd',
        '/api/token/',
        '/api/token/refresh/',
        '/register/',
        '/login/',
        '/users/?search=a',
        '/users/?search=%',
        '/conversations/',
        `/conversations/${world.room}/`,
        '/conversation/%ZZ',
        `/messages/?conversation=${world.room}&page=2&page_size=1000`,
        `/messages/?conversation=${world.room}&page=last`,
        '/messages/?conversation=%E0%A4%A',
        `/filesmessage/${world.room}/`,
        '/imagemessage/%/',
        '/ws/chat/x/',
        '/ws/notification/',
        '/',
        '/nope',
        '//graphql',
        '/graphql/../health',
        '/%00',
        '/health?' + 'q'.repeat(9000),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('*', 'http://127.0.0.1/graphql', 'graphql', '', 'http://[::1', '//[', '//a b/graphql', `/${'a'.repeat(70_000)}`, '/sp ace', '/ünï') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/graphql?', '/files/', '/messages/?conversation=', '/users/?search=', '/conversations/'), anyString).map(([p, s]) => p + s.replace(/[\s]/g, '')) },
  );
  const hostHeader = fc.oneof(
    { weight: 5, arbitrary: fc.constant(['Host', host()] as [string, string]) },
    { weight: 3, arbitrary: fc.constantFrom<[string, string]>(['Host', 'bad host'], ['Host', ''], ['Host', 'ñandú.example'], ['Host', '[::1'], ['Host', 'x:99999'], ['Host', 'a/b?c#d'], ['Host', '@evil'], ['Host', 'user:pass@h'], ['Host', '%00'], ['Host', 'h\u00ff'], ['host', 'é'], ['Host', ' '.repeat(5)]) },
    { weight: 1, arbitrary: anyString.map((s) => ['Host', s] as [string, string]) },
  );
  const otherHeader = fc.oneof(
    fc.constantFrom<[string, string]>(
      ['Content-Type', 'application/json'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Content-Type', 'multipart/form-data; boundary=B'],
      ['Content-Type', 'multipart/form-data'],
      ['Content-Type', 'text/plain'],
      ['Content-Type', 'application/json; charset=utf-16'],
      ['Accept', 'text/html'],
      ['Accept', 'application/graphql-response+json'],
      ['Accept', 'text/event-stream'],
      ['Authorization', `Bearer ${world.access}`],
      ['Authorization', 'Bearer garbage'],
      ['Authorization', `Bearer ${world.refresh}`],
      ['Authorization', 'Bearer'],
      ['Authorization', 'Basic YTpi'],
      ['Origin', 'http://evil.example'],
      ['Origin', 'null'],
      ['Access-Control-Request-Headers', 'x-a, x-b'],
      ['X-Forwarded-For', '1.2.3.4'],
      ['X-Forwarded-Proto', 'javascript'],
      ['Expect', '100-continue'],
      ['Expect', 'nonsense'],
      ['Connection', 'close'],
      ['Connection', 'keep-alive'],
      ['Connection', 'Upgrade'],
      ['Upgrade', 'websocket'],
      ['Upgrade', 'h2c'],
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ['Sec-WebSocket-Version', '13'],
      ['Sec-WebSocket-Version', '99'],
      ['Sec-WebSocket-Protocol', 'graphql-transport-ws'],
      ['Transfer-Encoding', 'gzip'],
      ['Transfer-Encoding', 'identity'],
      ['Content-Encoding', 'gzip'],
      ['Range', 'bytes=0-1'],
      ['If-None-Match', '*'],
      ['Cookie', 'a=b'],
    ),
    fc.tuple(fc.oneof(fc.stringMatching(/^[A-Za-z-]{1,20}$/), anyString), anyString).map(([n, v]) => [n, v] as [string, string]),
    fc.constantFrom(100, 10_000, 70_000).map((n) => ['X-Long', 'v'.repeat(n)] as [string, string]),
  );
  const body = fc.oneof(
    fc.constant(''),
    fc.constantFrom('{"query":"{ __typename }"}', '{"query":"{ me { id } }"}', '{"username":"a","password":"b"}', 'username=a&password=b', '--B\r\nBad Header\r\n\r\nx\r\n--B--\r\n', '{"query":', 'null'),
    anyString,
  );
  return fc.record({
    requestLine: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'GET /', 'GET / HTTP/1.1 extra', ' GET / HTTP/1.1', 'GET\t/\tHTTP/1.1', '\u0000', 'HTTP/1.1 200 OK', 'GET /graphql HTTP/1.1\nX: y') }, { weight: 1, arbitrary: anyString.map((s) => s.replace(/[\r\n]/g, '')) }),
    method: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 2, arbitrary: fc.constantFrom(...METHODS) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{1,10}$/) }),
    target: targets,
    version: fc.oneof({ weight: 8, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2', 'HTTP/0.9', 'http/1.1', 'HTTP/1.1 ', 'HTTPS/1.1', '') }),
    headers: fc
      .tuple(
        fc.oneof({ weight: 6, arbitrary: hostHeader.map((h) => [h]) }, { weight: 1, arbitrary: fc.constant([] as [string, string][]) }, { weight: 1, arbitrary: fc.tuple(hostHeader, hostHeader).map(([a, b]) => [a, b]) }),
        // a WebSocket handshake's headers, whole (Node hands such a request to the 'upgrade' listener, not the request one)
        fc.oneof({ weight: 4, arbitrary: fc.constant([] as [string, string][]) }, { weight: 1, arbitrary: fc.constant(UPGRADE_HEADERS) }, { weight: 1, arbitrary: fc.subarray(UPGRADE_HEADERS) }),
        fc.array(otherHeader, { maxLength: 4 }),
      )
      .map(([h, u, o]) => [...h, ...u, ...o]),
    casing: fc.constantFrom<RawHttpRequest['casing']>('as-is', 'as-is', 'lower', 'upper', 'random'),
    body,
    framing: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<RawHttpRequest['framing']>('none', 'length') },
      { weight: 1, arbitrary: fc.constant<RawHttpRequest['framing']>('chunked') },
      { weight: 2, arbitrary: fc.constantFrom<RawHttpRequest['framing']>('length-short', 'length-long', 'length-bad', 'length-twice', 'chunked-garbage', 'chunked-unterminated', 'chunked-and-length') },
    ),
    pipelined: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(`GET /health HTTP/1.1\r\nHost: ${host()}\r\n\r\n`) }, { weight: 1, arbitrary: anyString }),
    halfClose: fc.boolean(),
  });
}

// ---------------------------------------------------------------------------------------------------
// Legacy chat socket frames

/** A frame to send: JSON text, other text, or binary. */
export type LegacyFrame = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'binary'; text: string };

export function legacyFrames(maxFrameBytes: number): fc.Arbitrary<LegacyFrame> {
  const message = fc.oneof(
    { weight: 5, arbitrary: anyString },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('m', 'é', '😀', ' '), fc.constantFrom(4095, 4096, 4097, 5000, 20_000, maxFrameBytes)).map(([c, n]) => c.repeat(n)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const typeValue = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('chat_message', 'typing', 'read_messages') },
    { weight: 2, arbitrary: fc.constantFrom('CHAT_MESSAGE', 'chat_message ', 'error', 'user_join', 'online_user_list', '__proto__', 'constructor', 'toString', '') },
    { weight: 1, arbitrary: anyString },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const object = fc.record(
    {
      type: typeValue,
      message,
      typing: fc.oneof(fc.boolean(), fc.constantFrom('True', 'False', 'TRUE', 'yes', 1, 0, null), anyString),
      client_id: fc.oneof(fc.constantFrom(null, '', 5, 'x'.repeat(128), 'x'.repeat(129), '😀'.repeat(65)), anyString, fc.uuid()),
      extra: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 8, arbitrary: object.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom('', ' ', '{', '{"type":"chat_message","message":', 'null', '[]', '"chat_message"', '{"type":"chat_message","message":"a"}{}', '\uFEFF{"type":"read_messages"}', '{"__proto__":{"type":"chat_message"}}'),
          anyString,
          fc.constantFrom(maxFrameBytes - 100, maxFrameBytes + 1, 100_000).map((n) => `{"type":"chat_message","message":"${'y'.repeat(n)}"}`),
        )
        .map((text) => ({ kind: 'text' as const, text })),
    },
    { weight: 1, arbitrary: fc.oneof(anyString, fc.constant('{"type":"read_messages"}'), fc.constant('')).map((text) => ({ kind: 'binary' as const, text })) },
  );
}

// ---------------------------------------------------------------------------------------------------
// graphql-ws messages

export type GraphqlWsAction =
  | { t: 'init'; payload: unknown }
  | { t: 'subscribe'; id: string; query: string; variables: unknown; operationName?: unknown }
  | { t: 'complete'; id: unknown }
  | { t: 'ping' | 'pong'; payload: unknown }
  | { t: 'json'; value: unknown }
  | { t: 'text'; text: string }
  | { t: 'binary'; text: string };

export interface GraphqlWsSession {
  /** `?token=` on the socket URL */
  urlToken: 'none' | 'valid' | 'garbage';
  protocol: 'graphql-transport-ws' | 'graphql-ws' | 'none' | 'both';
  actions: GraphqlWsAction[];
}

export function graphqlWsSessions(world: FuzzWorld): fc.Arbitrary<GraphqlWsSession> {
  const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('1', '2', '3') }, { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'hasOwnProperty', 'x'.repeat(5000)) }, { weight: 1, arbitrary: anyString });
  const room = fc.oneof(fc.constant(world.room), fc.constant(`${world.bobId}_${world.aliceId}`), anyString);
  const subscriptionQuery = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'subscription S($c: String!) { messageAdded(conversation: $c) { id content sender { username } } }',
        'subscription S($c: String!, $a: String) { messageAdded(conversation: $c, after: $a) { id cursor content } }',
        'subscription { unreadCount { total conversationId conversationUnread } }',
        'subscription { notifications { id content } }',
        'subscription S($c: String!) { typing(conversation: $c) { user { username } typing } }',
        'subscription S($c: String!) { presence(conversation: $c) { kind online { username } } }',
        'subscription S($c: String!) { readReceipts(conversation: $c) { user { username } lastReadMessageId } }',
        'subscription S($c: String!) { a: messageAdded(conversation: $c) { id } }',
        'subscription S($c: String!) { messageAdded(conversation: $c) { id } typing(conversation: $c) { typing } }',
        'subscription S($c: String!) { messageAdded(conversation: $c) { mine read readByAll file { url } } }',
        '{ me { id username } }',
        'query { unreadCount }',
        'mutation M($c: String!) { sendMessage(conversation: $c, content: "from ws") { id } }',
        'mutation M($c: String!) { setTyping(conversation: $c, typing: true) }',
      ),
    },
    { weight: 2, arbitrary: documents(world) },
  );
  const variables = fc.oneof(
    { weight: 4, arbitrary: fc.record({ c: room, a: fc.option(fc.oneof(anyString, fc.constant(Buffer.from('m:0').toString('base64url'))), { nil: undefined }) }, { requiredKeys: ['c'] }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, {}, { c: 5 }, { c: null }, { c: [] }, { c: { a: 1 } }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const initPayload = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ authorization: `Bearer ${world.access}` }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(undefined, null, {}, { token: world.access }, { authorization: 'Bearer garbage' }, { authorization: `Bearer ${world.refresh}` }, { authorization: 5 }, { token: 5 }, { Authorization: `bearer  ${world.access}` }, 'string', [world.access]),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const action: fc.Arbitrary<GraphqlWsAction> = fc.oneof(
    { weight: 3, arbitrary: initPayload.map((payload) => ({ t: 'init' as const, payload })) },
    {
      weight: 6,
      arbitrary: fc.record(
        { t: fc.constant('subscribe' as const), id, query: subscriptionQuery, variables, operationName: fc.oneof(fc.constant(undefined), fc.constantFrom('S', 'M', null, 5)) },
        { requiredKeys: ['t', 'id', 'query', 'variables'] },
      ),
    },
    { weight: 2, arbitrary: fc.oneof(id, fc.jsonValue({ maxDepth: 0 })).map((i) => ({ t: 'complete' as const, id: i })) },
    { weight: 1, arbitrary: fc.record({ t: fc.constantFrom('ping' as const, 'pong' as const), payload: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })) }) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.record({ type: fc.oneof(fc.constantFrom('connection_init', 'subscribe', 'next', 'error', 'complete', 'connection_ack', 'ping', 'start', 'stop', 'connection_terminate', 'ka', ''), anyString), id: fc.oneof(id, fc.jsonValue({ maxDepth: 0 })), payload: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['type'] }),
          fc.record({ type: fc.constant('subscribe'), id, payload: fc.oneof(fc.constant({ query: 5 }), fc.constant({}), fc.constant(null), fc.record({ query: anyString, variables: fc.jsonValue({ maxDepth: 1 }), extensions: fc.jsonValue({ maxDepth: 1 }) })) }),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map((value) => ({ t: 'json' as const, value })),
    },
    { weight: 1, arbitrary: fc.oneof(anyString, fc.constantFrom('', '{', '{"type":', 'null')).map((text) => ({ t: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.oneof(fc.constant('{"type":"ping"}'), anyString).map((text) => ({ t: 'binary' as const, text })) },
  );
  return fc.record({
    urlToken: fc.constantFrom<GraphqlWsSession['urlToken']>('none', 'none', 'valid', 'garbage'),
    protocol: fc.oneof({ weight: 8, arbitrary: fc.constant('graphql-transport-ws' as const) }, { weight: 1, arbitrary: fc.constantFrom('graphql-ws' as const, 'none' as const, 'both' as const) }),
    actions: fc.oneof(
      { weight: 3, arbitrary: fc.tuple(initPayload, fc.array(action, { maxLength: 8 })).map(([p, rest]) => [{ t: 'init' as const, payload: p }, ...rest]) },
      { weight: 1, arbitrary: fc.array(action, { maxLength: 8 }) },
    ),
  });
}

// ---------------------------------------------------------------------------------------------------
// Legacy REST requests

export interface LegacyRestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** path and query, already percent-encoded */
  path: string;
  auth: 'none' | 'valid' | 'refresh' | 'garbage';
  contentType: string | null;
  body: string | null;
}

export function legacyRestRequests(world: FuzzWorld): fc.Arbitrary<LegacyRestRequest> {
  const enc = encodeUri;
  const value = fc.oneof(
    { weight: 4, arbitrary: anyString },
    { weight: 1, arbitrary: sizedString(200_000) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom(world.refresh, world.access, world.room, world.carolName) },
  );
  const name = fc.oneof(fc.constantFrom(world.room, `${world.aliceId}_${world.bobId}`, `${world.aliceId}_${world.bobId}_999999999`, `${world.aliceId}_99999999999999999999`, `${world.carolName}_x`), anyString);
  const number = fc.oneof(fc.constantFrom('1', '2', 'last', '0', '-1', '99999999999', '1e3', ''), anyString);
  const path = fc.oneof(
    fc.constantFrom('/api/token/', '/api/token/refresh/', '/login/', '/register/', '/conversations/', '/api/token', '/login'),
    anyString.map((s) => `/users/?search=${enc(s)}`),
    name.map((n) => `/conversations/${enc(n)}/`),
    name.map((n) => `/conversation/${enc(n)}`),
    fc.tuple(name, number, number).map(([n, p, s]) => `/messages/?conversation=${enc(n)}&page=${enc(p)}&page_size=${enc(s)}`),
    name.map((n) => `/filesmessage/${enc(n)}/`),
  );
  const fields = fc.dictionary(fc.oneof(fc.constantFrom('username', 'password', 'refresh', 'search'), anyString), value, { maxKeys: 4 });
  const body = fc.oneof(
    { weight: 4, arbitrary: fields.map((f) => ({ contentType: 'application/json' as string | null, body: JSON.stringify(f) as string | null })) },
    { weight: 2, arbitrary: fields.map((f) => ({ contentType: 'application/x-www-form-urlencoded' as string | null, body: new URLSearchParams(Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString() as string | null })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ contentType: 'application/json' as string | null, body: (JSON.stringify(v) ?? 'null') as string | null })) },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType: fc.constantFrom(null, 'text/plain', 'application/json; charset=latin1', 'application/xml', 'APPLICATION/JSON', 'multipart/form-data', 'application/x-www-form-urlencoded'),
        body: fc.oneof(fc.constant(null), anyString, fc.constantFrom('{', '{"username":', 'username=%ZZ&password=%', '\uFEFF{"username":"a","password":"b"}')),
      }),
    },
  );
  // mostly the route's own method (POST for the token, login, register and file routes), sometimes another
  const method = fc.oneof({ weight: 6, arbitrary: fc.constant('own' as const) }, { weight: 1, arbitrary: fc.constantFrom('GET' as const, 'POST' as const, 'PUT' as const, 'DELETE' as const) });
  return fc.tuple(method, path, fc.constantFrom<LegacyRestRequest['auth']>('valid', 'valid', 'none', 'refresh', 'garbage'), body).map(([m, p, auth, b]) => {
    const own = /^\/(api\/token|login|register|filesmessage)/.test(p) ? 'POST' : 'GET';
    const chosen = m === 'own' ? own : m;
    return { method: chosen, path: p, auth, contentType: chosen === 'GET' ? null : b.contentType, body: chosen === 'GET' ? null : b.body };
  });
}
