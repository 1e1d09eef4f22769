// The SDK's public surface as a report: every name packages/sdk/src/index.ts exports, its kind,
// and what a consumer can reach through it (members, signatures). The report is committed as
// packages/sdk/api.md, so a change to the surface shows up in review as a change to that file.
//
//   node scripts/sdk-api.mjs --write   regenerate packages/sdk/api.md
//   node scripts/sdk-api.mjs --check   fail when api.md is stale, or when an exported name is
//                                      not mentioned in packages/sdk/README.md (run by `npm test`)
//
// It reads the TypeScript sources with the compiler API (no build needed) through the same
// tsconfig the type check uses.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdk = join(root, 'packages/sdk');
const reportPath = join(sdk, 'api.md');
const readmePath = join(sdk, 'README.md');

/** Every export of the SDK's entry as `{ name, kind, details[] }`, sorted by name. */
export function publicSurface() {
  const configPath = join(sdk, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, sdk);
  const entry = join(sdk, 'src/index.ts');
  const program = ts.createProgram([entry], parsed.options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);

  const flags =
    ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  const typeText = (type, node) => checker.typeToString(type, node, flags);

  return checker
    .getExportsOfModule(moduleSymbol)
    .map((exported) => {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      const kinds = [];
      const details = [];
      if (symbol.flags & ts.SymbolFlags.Class) {
        kinds.push('class');
        const classType = checker.getDeclaredTypeOfSymbol(symbol);
        const staticType = checker.getTypeOfSymbolAtLocation(symbol, decl);
        for (const sig of staticType.getConstructSignatures()) {
          details.push(
            `new (${sig.parameters.map((p) => paramText(checker, p, decl, typeText)).join(', ')})`,
          );
        }
        for (const p of staticType.getProperties()) {
          if (p.name === 'prototype' || isHidden(p)) continue;
          details.push(`static ${memberText(checker, p, decl, typeText)}`);
        }
        for (const p of checker.getPropertiesOfType(classType)) {
          if (isHidden(p)) continue;
          details.push(memberText(checker, p, decl, typeText));
        }
      } else if (symbol.flags & ts.SymbolFlags.Enum) {
        kinds.push('enum');
        for (const m of checker.getExportsOfModule(symbol)) {
          const value = checker.getConstantValue(m.valueDeclaration);
          details.push(`${m.name} = ${JSON.stringify(value)}`);
        }
      } else if (symbol.flags & ts.SymbolFlags.Function) {
        kinds.push('function');
        const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
        for (const sig of type.getCallSignatures())
          details.push(checker.signatureToString(sig, decl, flags));
      } else if (symbol.flags & ts.SymbolFlags.Variable) {
        kinds.push('const');
        details.push(typeText(checker.getTypeOfSymbolAtLocation(symbol, decl), decl));
      }
      if (symbol.flags & ts.SymbolFlags.Interface) {
        kinds.push('interface');
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        for (const p of checker.getPropertiesOfType(type))
          details.push(memberText(checker, p, decl, typeText));
        for (const sig of type.getCallSignatures())
          details.push(checker.signatureToString(sig, decl, flags));
      }
      if (symbol.flags & ts.SymbolFlags.TypeAlias) {
        kinds.push('type');
        // The alias's own text: the checker would print an alias by its name.
        const alias = symbol.declarations?.find(ts.isTypeAliasDeclaration);
        details.push(
          alias ? alias.type.getText() : typeText(checker.getDeclaredTypeOfSymbol(symbol), decl),
        );
      }
      if (kinds.length === 0) kinds.push('unknown');
      // `export type { AnEnum }` gives the type without the runtime object.
      const specifier = exported.declarations?.find(ts.isExportSpecifier);
      const typeOnly = specifier && (specifier.isTypeOnly || specifier.parent.parent.isTypeOnly);
      const kind = kinds.join(' + ') + (typeOnly && kinds.some(isValueKind) ? ' (type only)' : '');
      return { name: exported.name, kind, details };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

function isValueKind(kind) {
  return ['class', 'enum', 'function', 'const'].includes(kind);
}

/** `#private`, `private` and `protected` members are not part of what a consumer can use. */
function isHidden(symbol) {
  if (symbol.name.startsWith('#') || symbol.name.startsWith('__#')) return true;
  const modifiers = symbol.valueDeclaration
    ? ts.getCombinedModifierFlags(symbol.valueDeclaration)
    : 0;
  return (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

function paramText(checker, param, at, typeText) {
  const decl = param.valueDeclaration;
  const optional = decl && ts.isParameter(decl) && (decl.questionToken || decl.initializer);
  return `${param.name}${optional ? '?' : ''}: ${typeText(checker.getTypeOfSymbolAtLocation(param, at), at)}`;
}

function memberText(checker, member, at, typeText) {
  const decl = member.valueDeclaration ?? member.declarations?.[0];
  const readonly =
    decl && ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
  const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
  return `${readonly}${member.name}${optional}: ${typeText(checker.getTypeOfSymbolAtLocation(member, at), at)}`;
}

/** The report as Markdown: one section per export. */
export function renderReport(surface) {
  const lines = [
    '# @zvonok/sdk public API',
    '',
    '<!-- Generated by `npm run api:sdk` from src/index.ts. Do not edit by hand: `npm test` fails',
    '     when this file and the code disagree. Every name here must also appear in README.md. -->',
    '',
    '| name | kind |',
    '| ---- | ---- |',
    ...surface.map(({ name, kind }) => `| \`${name}\` | ${kind} |`),
    '',
  ];
  for (const { name, kind, details } of surface) {
    lines.push(`## ${name}`, '', `${kind}`, '');
    if (details.length > 0) lines.push('```ts', ...details, '```', '');
  }
  return lines.join('\n');
}

/** Exported names that README.md never mentions (as a whole word). */
export function undocumented(surface, readme) {
  return surface
    .map(({ name }) => name)
    .filter(
      (name) =>
        !new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/\$/g, '\\$')}($|[^A-Za-z0-9_$])`).test(
          readme,
        ),
    );
}

// Run as a script only (its functions can be imported too).
const mode = process.argv[1] === fileURLToPath(import.meta.url) ? process.argv[2] : undefined;
if (mode === '--write' || mode === '--check') {
  const surface = publicSurface();
  const report = renderReport(surface);
  let failed = false;
  if (mode === '--write') {
    writeFileSync(reportPath, report);
    console.log(`wrote ${reportPath} (${surface.length} exports)`);
  } else {
    let committed = '';
    try {
      committed = readFileSync(reportPath, 'utf8');
    } catch {
      // reported below as stale
    }
    if (committed !== report) {
      console.error(
        'packages/sdk/api.md does not match what src/index.ts exports: the public API changed.\n' +
          'Run `npm run api:sdk`, review the diff, and describe the change in packages/sdk/README.md.',
      );
      failed = true;
    }
  }
  const missing = undocumented(surface, readFileSync(readmePath, 'utf8'));
  if (missing.length > 0) {
    console.error(`Exported but not described in packages/sdk/README.md: ${missing.join(', ')}`);
    failed = true;
  }
  if (failed) process.exit(1);
  if (mode === '--check') console.log(`SDK public API: ${surface.length} exports, all documented.`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.error('usage: node scripts/sdk-api.mjs --write | --check');
  process.exit(2);
}
