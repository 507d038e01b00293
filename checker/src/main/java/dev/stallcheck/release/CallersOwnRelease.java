package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.locks.AssignmentIndex;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Recognises a release that gives back a resource the submitting thread got for itself, so it
 * cannot be the one a task acquires: {@code w = pool.borrowObject(); ...start a task that borrows
 * too...; pool.returnObject(w)}. A task cannot assign the submitting method's locals (captured
 * locals are effectively final), so a local whose every value is {@code null} or an acquire made in
 * the method holds the caller's own resource; a parameter of the method existed before any task was
 * submitted. Anything else (a holder element, a field, a local read from a holder) may be the
 * task's resource.
 */
final class CallersOwnRelease {
  private CallersOwnRelease() {}

  /**
   * Whether {@code release} passes, as the released resource (an argument whose type fits what
   * {@code acquire} returns), a value that the submitting method {@code method} owns itself.
   */
  static boolean releasesCallersOwn(
      MethodInvocationTree release,
      Acquire acquire,
      MethodSymbol method,
      AcquireReleasePairs pairs,
      VisitorState state) {
    Type acquired = ASTHelpers.getType(acquire.call());
    if (acquired == null
        || acquired.isPrimitiveOrVoid()
        || acquire.call().getKind() == Tree.Kind.MEMBER_REFERENCE) {
      return false;
    }
    Types types = state.getTypes();
    for (ExpressionTree argument : release.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (type == null || type.isPrimitive()) {
        continue;
      }
      Type erased = types.erasure(type);
      Type erasedAcquired = types.erasure(acquired);
      boolean resource =
          types.isSubtype(erased, erasedAcquired) || types.isSubtype(erasedAcquired, erased);
      if (resource && isOwnedBy(ASTHelpers.stripParentheses(argument), method, pairs, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOwnedBy(
      ExpressionTree value, MethodSymbol method, AcquireReleasePairs pairs, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(value);
    if (!(symbol instanceof VarSymbol variable) || value.getKind() != Tree.Kind.IDENTIFIER) {
      return false;
    }
    if (variable.getKind() == ElementKind.PARAMETER) {
      return variable.owner == method;
    }
    if (variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    Optional<? extends List<ExpressionTree>> values =
        AssignmentIndex.allValuesOf(variable, state.getPath(), state);
    if (values.isEmpty()) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    boolean acquiredHere = false;
    for (ExpressionTree assigned : values.get()) {
      ExpressionTree stripped = ASTHelpers.stripParentheses(assigned);
      if (stripped.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      if (pairs.acquireAt(stripped, unit, state).isEmpty()) {
        return false;
      }
      acquiredHere = true;
    }
    return acquiredHere;
  }
}
