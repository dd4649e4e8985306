import type { VarCategory } from '../node.js';
/** One declared variable: its alias (null when it has none), category, dimension and argument index. */
export interface AliasDeclaration {
    readonly name: string | null;
    readonly category: VarCategory;
    readonly dim: number;
    readonly index: number;
    /** The alias as given, and where in the list. */
    readonly source: string;
    readonly position: number;
}
/** Parses alias number `position` of a list; `where` names the caller (`Genred`). */
export declare function parseAlias(source: unknown, position: number, where: string): AliasDeclaration;
