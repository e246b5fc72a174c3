// A minimal Rollup plugin: transpile TypeScript with TypeScript's own transpileModule.
// Type checking is `npm run typecheck`'s job; this only strips types and lowers syntax
// (ES2019 for modern builds, ES5 for the legacy TV bundle, which esbuild cannot emit).
import ts from 'typescript';

export function typescriptTranspile({ target }) {
  const scriptTarget = { es5: ts.ScriptTarget.ES5, es2019: ts.ScriptTarget.ES2019, es2020: ts.ScriptTarget.ES2020, es2022: ts.ScriptTarget.ES2022 }[target];
  if (scriptTarget === undefined) throw new Error(`unknown target ${target}`);
  return {
    name: `typescript-transpile-${target}`,
    transform(code, id) {
      if (!id.endsWith('.ts') || id.endsWith('.d.ts')) return null;
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: scriptTarget,
          module: ts.ModuleKind.ESNext,
          importHelpers: true,
          downlevelIteration: scriptTarget === ts.ScriptTarget.ES5,
          sourceMap: true,
          verbatimModuleSyntax: false,
          isolatedModules: true,
          useDefineForClassFields: false,
        },
      });
      return { code: out.outputText, map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null };
    },
  };
}

// Resolve `@tessera/<pkg>` and `@tessera/core/<sub>` to TypeScript sources (used by bundles
// that inline every package, and by the toolkit build).
export function tesseraSources(rootDir) {
  return {
    name: 'tessera-sources',
    resolveId(source) {
      const sub = /^@tessera\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(source);
      if (sub) return `${rootDir}/packages/${sub[1]}/src/${sub[2]}/index.ts`;
      const pkg = /^@tessera\/([a-z0-9-]+)$/.exec(source);
      if (pkg) return `${rootDir}/packages/${pkg[1]}/src/index.ts`;
      return null;
    },
  };
}
