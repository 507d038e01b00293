package dev.stallcheck.release;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.ReferencePaths;
import java.util.Optional;

/**
 * A call that may give something back, as the method it is made in (or a caller of that method)
 * sees it: which method, on what. Lets a release made in a helper be matched with an acquire made
 * by the task or by another helper.
 *
 * @param method the release method called
 * @param receiver what it is called on; empty for a static method, the implicit {@code this}, or a
 *     receiver without a {@link AccessPath}
 * @param onImplicitThis whether it is called on the implicit {@code this} of the frame
 */
record ReleaseCall(MethodSymbol method, Optional<AccessPath> receiver, boolean onImplicitThis) {

  /** {@code call} as the method containing it sees it; empty if it has no symbol. */
  static Optional<ReleaseCall> of(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return Optional.empty();
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return Optional.of(
        new ReleaseCall(
            method,
            receiver == null || method.isStatic() ? Optional.empty() : ReferencePaths.of(receiver),
            receiver == null && !method.isStatic()));
  }
}
