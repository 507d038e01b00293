package dev.stallcheck.release;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * The names code declares (variables, parameters, methods), so that a fix can pick a fresh name or
 * tell that a name it moves would mean something else there.
 */
final class DeclaredNames {
  private DeclaredNames() {}

  /** Every variable, parameter and method name declared in {@code code}, nested code included. */
  static Set<String> in(Tree code) {
    Set<String> names = new HashSet<>();
    code.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree variable, Void unused) {
            names.add(variable.getName().toString());
            return super.visitVariable(variable, null);
          }

          @Override
          public Void visitMethod(MethodTree declared, Void unused) {
            names.add(declared.getName().toString());
            return super.visitMethod(declared, null);
          }
        },
        null);
    return names;
  }
}
