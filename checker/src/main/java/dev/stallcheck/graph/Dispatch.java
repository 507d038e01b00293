package dev.stallcheck.graph;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;

/**
 * What a call is dispatched on: the method it names and the class its receiver is known to be an
 * instance of, that class or a subclass. For {@code list.size()} with {@code list} an {@code
 * ArrayList}, the method is {@code ArrayList.size} and the class {@code ArrayList}; for {@code
 * any.hashCode()} with {@code any} a {@code Set}, the method is {@code Object.hashCode} but the
 * class {@code Set}, so only the classes that are sets can run the call, not every class with a
 * {@code hashCode}. Without an explicit receiver (an implicit {@code this}, which may be an outer
 * instance), and for static, private and final methods and constructors, the class is the method's
 * own.
 */
record Dispatch(MethodSymbol callee, ClassSymbol receiver) {
  /** The dispatch of {@code call} (an invocation, a {@code new}, a method reference). */
  static Dispatch of(Tree call, MethodSymbol callee, Types types) {
    ClassSymbol owner = callee.enclClass();
    if (isExact(callee)) {
      return new Dispatch(callee, owner);
    }
    ExpressionTree receiver =
        switch (call) {
          case MethodInvocationTree invocation ->
              invocation.getMethodSelect() instanceof MemberSelectTree select
                  ? select.getExpression()
                  : null;
          case MemberReferenceTree reference -> reference.getQualifierExpression();
          default -> null;
        };
    Type type = receiver == null ? null : ASTHelpers.getType(receiver);
    if (type != null) {
      Type erased = types.erasure(type);
      if (erased.hasTag(TypeTag.CLASS)
          && erased.tsym instanceof ClassSymbol known
          && known != owner
          && known.isSubClass(owner, types)) {
        return new Dispatch(callee, known);
      }
    }
    return new Dispatch(callee, owner);
  }

  /** Whether a call of {@code callee} runs {@code callee} itself and never an override of it. */
  static boolean isExact(MethodSymbol callee) {
    return callee.isConstructor()
        || callee.isStatic()
        || (callee.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0
        || (callee.enclClass().flags() & Flags.FINAL) != 0;
  }
}
