package dev.stallcheck.summary;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.api.NameSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the user declared about methods whose bodies the compilation may not have: {@code @Blocking}
 * and {@code @NonBlocking} (any annotation with that simple name, on the method or its class), and
 * the {@code BlockingMethods} option ({@code com.acme.Channel#send,com.acme.Bus#publish}), which
 * also covers overrides of the listed methods.
 */
public final class BlockingDeclarations {
  private static final NameSet BLOCKING = NameSet.of("Blocking");
  private static final NameSet NON_BLOCKING = NameSet.of("NonBlocking");

  private final ImmutableSet<String> blockingMethods;

  private BlockingDeclarations(ImmutableSet<String> blockingMethods) {
    this.blockingMethods = blockingMethods;
  }

  /** The annotations plus {@code blockingMethods}, each {@code fully.qualified.Class#method}. */
  public static BlockingDeclarations listing(ImmutableSet<String> blockingMethods) {
    return new BlockingDeclarations(blockingMethods);
  }

  public static BlockingDeclarations none() {
    return new BlockingDeclarations(ImmutableSet.of());
  }

  /**
   * {@code @NonBlocking} on the method or its class: calls to it never block. On a class it covers
   * the constructors too: it is the user's word that nothing in the class waits.
   */
  boolean isNonBlocking(MethodSymbol method, VisitorState state) {
    return annotated(method, NON_BLOCKING, /* classCovers= */ true, state);
  }

  /**
   * Whether any method of the compilation or its libraries may be declared blocking: false when the
   * option lists none and the compiler knows no class named {@code Blocking}. The compiler enters
   * an annotation's type as it reads any declaration that carries it, from source or from a class
   * file, so without such a class no method asked about here carries it. One pass over the known
   * classes spares testing every method of the compilation and every callee.
   */
  boolean mayDeclareAny(VisitorState state) {
    if (!blockingMethods.isEmpty()) {
      return true;
    }
    for (ClassSymbol type : state.getSymtab().getAllClasses()) {
      if (BLOCKING.contains(type.getSimpleName(), state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why {@code method} is declared blocking, or null if it is not. {@code @Blocking} on a class
   * covers its methods, not its constructors: frameworks put it on a class to mark the handlers it
   * declares (Quarkus, Micronaut), and creating the object does not wait.
   */
  @Nullable String whyBlocking(MethodSymbol method, VisitorState state) {
    if (annotated(method, BLOCKING, /* classCovers= */ !method.isConstructor(), state)) {
      return "declared @Blocking";
    }
    if (blockingMethods.isEmpty()) {
      return null;
    }
    if (listed(method)) {
      return "listed in BlockingMethods";
    }
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (listed(overridden)) {
        return "overrides "
            + overridden.owner.getSimpleName()
            + "."
            + overridden.getSimpleName()
            + ", listed in BlockingMethods";
      }
    }
    return null;
  }

  private boolean listed(MethodSymbol method) {
    return method.owner instanceof ClassSymbol
        && blockingMethods.contains(
            ((ClassSymbol) method.owner).getQualifiedName() + "#" + method.getSimpleName());
  }

  /**
   * An annotation named as {@code simpleName} on {@code method} (or its return type, as a type-use
   * annotation), or with {@code classCovers} on its class: what {@link
   * ASTHelpers#hasDirectAnnotationWithSimpleName} answers, as plain loops over javac's names, since
   * it is asked for every method the compilation declares or calls and most have no annotation at
   * all.
   */
  private static boolean annotated(
      MethodSymbol method, NameSet simpleName, boolean classCovers, VisitorState state) {
    if (anyNamed(method.getAnnotationMirrors(), simpleName, state)
        || anyNamed(method.getReturnType().getAnnotationMirrors(), simpleName, state)) {
      return true;
    }
    Symbol owner = method.owner;
    return classCovers
        && owner instanceof ClassSymbol
        && anyNamed(owner.getAnnotationMirrors(), simpleName, state);
  }

  private static boolean anyNamed(
      List<? extends Attribute.Compound> annotations, NameSet simpleName, VisitorState state) {
    for (Attribute.Compound annotation : annotations) {
      if (simpleName.contains(annotation.type.tsym.getSimpleName(), state)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockingDeclarations
        && ((BlockingDeclarations) o).blockingMethods.equals(blockingMethods);
  }

  @Override
  public int hashCode() {
    return blockingMethods.hashCode();
  }
}
