package dev.stallcheck.summary;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.api.JavacTrees;

/**
 * TEMPORARY stand-in for the held-lock model's classifiers (issue 2), used until they are merged;
 * replaced then, not kept. Knows the common sends and callback-taking APIs only.
 */
final class InterimCallClassifier implements CallClassifier {
  static final InterimCallClassifier INSTANCE = new InterimCallClassifier();

  private static final Matcher<ExpressionTree> SEND =
      Matchers.anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.BlockingQueue").named("put"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.BlockingDeque")
              .namedAnyOf("putFirst", "putLast"),
          instanceMethod().onDescendantOf("java.util.concurrent.TransferQueue").named("transfer"));

  private static final Matcher<ExpressionTree> IMMEDIATE =
      Matchers.anyOf(
          instanceMethod().onDescendantOf("java.lang.Iterable").named("forEach"),
          instanceMethod()
              .onDescendantOf("java.util.Map")
              .namedAnyOf("forEach", "compute", "computeIfAbsent", "computeIfPresent", "merge"),
          instanceMethod().onDescendantOf("java.util.Collection").named("removeIf"),
          instanceMethod().onExactClass("java.util.Optional"),
          instanceMethod().onDescendantOf("java.util.stream.BaseStream"));

  private InterimCallClassifier() {}

  @Override
  public boolean isBlockingSend(MethodInvocationTree call, VisitorState state) {
    if (!SEND.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null) {
      return true;
    }
    Type type = ASTHelpers.getType(receiver);
    for (String unbounded :
        new String[] {
          "java.util.concurrent.PriorityBlockingQueue",
          "java.util.concurrent.DelayQueue",
          "java.util.concurrent.LinkedTransferQueue"
        }) {
      if (type != null && ASTHelpers.isSubtype(type, state.getTypeFromString(unbounded), state)) {
        return false;
      }
    }
    return !createdUnbounded(ASTHelpers.getSymbol(receiver), state);
  }

  /** A final field or local declared as {@code = new LinkedBlockingQueue<>()} without a bound. */
  private static boolean createdUnbounded(Symbol symbol, VisitorState state) {
    if (!(symbol instanceof Symbol.VarSymbol)
        || (symbol.flags() & com.sun.tools.javac.code.Flags.FINAL) == 0) {
      return false;
    }
    Tree declaration = JavacTrees.instance(state.context).getTree(symbol);
    if (!(declaration instanceof VariableTree)
        || !(((VariableTree) declaration).getInitializer() instanceof NewClassTree)) {
      return false;
    }
    NewClassTree creation = (NewClassTree) ((VariableTree) declaration).getInitializer();
    Symbol created = ASTHelpers.getSymbol(creation.getIdentifier());
    return created != null
        && creation.getArguments().isEmpty()
        && (created.getQualifiedName().contentEquals("java.util.concurrent.LinkedBlockingQueue")
            || created.getQualifiedName().contentEquals("java.util.concurrent.LinkedBlockingDeque"));
  }

  @Override
  public boolean runsImmediately(ExpressionTree call, ExpressionTree argument, VisitorState state) {
    return call instanceof MethodInvocationTree && IMMEDIATE.matches(call, state);
  }
}
