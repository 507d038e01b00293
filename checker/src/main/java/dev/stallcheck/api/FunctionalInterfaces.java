package dev.stallcheck.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

  /**
   * The method of the functional interface {@code face}; null for a class or any other interface,
   * for which javac's lookup fails (callers that ask of many interfaces test {@link #isFunctional}
   * first: that failure costs an exception and its diagnostic).
   */
  public static @Nullable MethodSymbol descriptorOf(ClassSymbol face, Types types) {
    if (!face.isInterface()) {
      return null;
    }
    try {
      return types.findDescriptorSymbol(face) instanceof MethodSymbol method ? method : null;
    } catch (Types.FunctionDescriptorLookupError notFunctional) {
      return null;
    }
  }
}
