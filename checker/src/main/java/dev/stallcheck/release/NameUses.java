package dev.stallcheck.release;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;

/** How often code names a symbol by its simple name, for the fixes' "used only here" rules. */
final class NameUses {
  private NameUses() {}

  /** How many identifiers in {@code code} name {@code symbol}. */
  static int count(Tree code, Symbol symbol) {
    int[] uses = {0};
    code.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree id, Void unused) {
            uses[0] += symbol.equals(ASTHelpers.getSymbol(id)) ? 1 : 0;
            return null;
          }
        },
        null);
    return uses[0];
  }
}
