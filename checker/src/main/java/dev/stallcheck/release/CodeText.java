package dev.stallcheck.release;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;

/**
 * How the messages show code: calls printed from the tree (so code from another file prints
 * correctly) with enum constants by simple name ({@code MILLISECONDS}), and places as "line N" in
 * the reported file or "File.java:N" elsewhere.
 */
final class CodeText {
  private CodeText() {}

  /** {@code call} with its arguments: {@code done.await(300, MILLISECONDS)}. */
  static String call(ExpressionTree call) {
    if (call instanceof MethodInvocationTree invocation) {
      return callee(invocation)
          + invocation.getArguments().stream()
              .map(CodeText::argument)
              .collect(Collectors.joining(", ", "(", ")"));
    }
    return call.toString();
  }

  /** {@code call} with its arguments elided: {@code pool.acquire(...)}, {@code new Socket(...)}. */
  static String acquire(Tree call) {
    if (call instanceof MethodInvocationTree invocation) {
      return callee(invocation) + (invocation.getArguments().isEmpty() ? "()" : "(...)");
    }
    if (call instanceof NewClassTree newClass) {
      Type type = ASTHelpers.getType(newClass);
      String name =
          type == null ? newClass.getIdentifier().toString() : type.tsym.getSimpleName().toString();
      return "new " + name + (newClass.getArguments().isEmpty() ? "()" : "(...)");
    }
    if (call instanceof MemberReferenceTree reference) {
      return reference.getQualifierExpression() + "::" + reference.getName();
    }
    return call.toString();
  }

  private static String callee(MethodInvocationTree invocation) {
    ExpressionTree select = invocation.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return call(member.getExpression()) + "." + member.getIdentifier();
    }
    return select.toString();
  }

  private static String argument(ExpressionTree argument) {
    Symbol sym = ASTHelpers.getSymbol(argument);
    if (sym != null && sym.getKind() == ElementKind.ENUM_CONSTANT) {
      return sym.getSimpleName().toString();
    }
    return call(argument);
  }

  /** Where {@code tree} of {@code unit} starts, as seen from a diagnostic in {@code reported}. */
  static String place(Tree tree, CompilationUnitTree unit, CompilationUnitTree reported) {
    long line = unit.getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
    if (unit == reported) {
      return "line " + line;
    }
    String name = unit.getSourceFile().getName();
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) + ":" + line;
  }
}
