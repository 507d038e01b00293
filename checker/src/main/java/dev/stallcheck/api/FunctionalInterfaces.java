package dev.stallcheck.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a type is a functional interface, asked of the parameters of every method whose lock
 * effect is solved. javac keeps the descriptor of a functional interface, but not its failure to
 * find one for any other interface: it searches that interface's members again, and builds the
 * failure's diagnostic, at every question. So the answer for each interface as declared is kept for
 * the compilation, and only an interface that is functional as declared is asked about the
 * parameterization at hand.
 */
public final class FunctionalInterfaces {
  /** Per compilation: whether each interface asked about is functional as declared. */
  private static final Supplier<Map<ClassSymbol, Boolean>> DECLARED =
      VisitorState.memoize(state -> new HashMap<>());

  private FunctionalInterfaces() {}

  /** The same answer as {@code Types.isFunctionalInterface(type)}. */
  public static boolean isFunctional(Type type, VisitorState state) {
    if (!(type.tsym instanceof ClassSymbol declared) || !declared.isInterface()) {
      return state.getTypes().isFunctionalInterface(type);
    }
    return DECLARED
            .get(state)
            .computeIfAbsent(declared, unused -> state.getTypes().isFunctionalInterface(declared))
        && state.getTypes().isFunctionalInterface(type);
  }
}
