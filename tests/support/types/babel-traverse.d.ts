// The part of @babel/traverse (a dependency of @remix-run/dev, shipped without types) that the
// browser-bundle check uses.
declare module "@babel/traverse" {
  import type * as t from "@babel/types";

  export interface Binding {
    scope: Scope;
    referencePaths: NodePath[];
  }
  export interface Scope {
    getBinding(name: string): Binding | undefined;
    getProgramParent(): Scope;
  }
  export interface NodePath<T extends t.Node = t.Node> {
    node: T;
    parentPath: NodePath | null;
    scope: Scope;
  }
  type Visitor = { [K in t.Node["type"]]?: (path: NodePath<Extract<t.Node, { type: K }>>) => void };
  export default function traverse(ast: t.Node, visitor: Visitor): void;
}
