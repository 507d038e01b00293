package dev.stallcheck.release;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.paths.BareExpression;
import java.util.Optional;
import java.util.Set;

/**
 * The fix for a release ordered only by a timeout: the release statement runs once the task has
 * ended, on every path. For a {@code CompletableFuture} the task completes, it is registered with
 * {@code future.whenComplete((result, failure) -> ...)}; otherwise it runs in a cleaner thread that
 * first waits, without a timeout, for what the timed wait gave up on ({@code t.join()}, {@code
 * latch.await()}, {@code future.get()}). The cleaner is the fix of the Go report this check comes
 * from (the worker starts a cleaner that waits on the exit signal).
 *
 * <p>Offered only where the rewrite provably keeps the program's meaning apart from when the
 * release happens: the release statement is a {@link MovableRelease}, and what the fix waits for
 * ends only once the task has ended:
 *
 * <ul>
 *   <li>a thread's {@code join()}, for the thread that runs the task;
 *   <li>a latch's {@code await()} when the task's last statement is a {@code try} whose {@code
 *       finally} counts it down, nothing else counts it down and it is not handed on;
 *   <li>the task's own future ({@code get()}, or {@code whenComplete} on a {@code
 *       CompletableFuture}) when the method never cancels or completes it and does not hand it on
 *       (a cancelled or completed future is done before its task ends).
 * </ul>
 */
final class DeferredReleaseFix {
  /** The calls that make a future done before its task ends. */
  private static final ImmutableSet<String> COMPLETING =
      ImmutableSet.of(
          "cancel",
          "complete",
          "completeAsync",
          "completeExceptionally",
          "completeOnTimeout",
          "obtrudeException",
          "obtrudeValue",
          "orTimeout");

  private DeferredReleaseFix() {}

  /**
   * The fix for {@code release} (at {@code releasePath}), ordered after {@code submission}'s
   * acquire only by the timeout of {@code wait}; empty where it is not provably safe.
   */
  static Optional<SuggestedFix> of(
      TreePath releasePath,
      MethodInvocationTree wait,
      TaskSubmission submission,
      MethodTree method,
      VisitorState state) {
    Optional<MovableRelease> movable = MovableRelease.of(releasePath, state);
    if (movable.isEmpty()) {
      return Optional.empty();
    }
    Optional<UntimedWait> untimed = untimedFormOf(wait, submission, method, state);
    if (untimed.isEmpty()) {
      return Optional.empty();
    }
    TreePath statementPath = movable.get().statement();
    StatementTree statement = movable.get().tree();
    CharSequence source = state.getSourceCode();
    String indent = FixLayout.leadingBlanks(ASTHelpers.getStartPosition(statement), source);
    String unit = FixLayout.unitOfIndentation(statementPath, indent, source);
    String newline = FixLayout.newline(source);
    String moved = FixLayout.reindented(state.getSourceForNode(statement), unit);
    Set<String> taken = DeclaredNames.in(method);
    if (untimed.get().registersCallback()) {
      String text =
          untimed.get().handle()
              + ".whenComplete(("
              + fresh("result", taken)
              + ", "
              + fresh("failure", taken)
              + ") -> { // Runs once the task has ended."
              + newline
              + indent
              + unit
              + moved
              + newline
              + indent
              + "});";
      return Optional.of(SuggestedFix.replace(statement, text));
    }
    String interrupted = fresh("interrupted", taken);
    StringBuilder text =
        new StringBuilder()
            .append("new Thread(() -> { // The task may still run: release once it has ended.")
            .append(newline)
            .append(indent)
            .append(unit)
            .append("try {")
            .append(newline)
            .append(indent)
            .append(unit)
            .append(unit)
            .append(untimed.get().handle())
            .append(untimed.get().call())
            .append(';')
            .append(newline)
            .append(indent)
            .append(unit)
            .append("} catch (InterruptedException ")
            .append(interrupted)
            .append(") {")
            .append(newline)
            .append(indent)
            .append(unit)
            .append(unit)
            .append("Thread.currentThread().interrupt();")
            .append(newline)
            .append(indent)
            .append(unit)
            .append(unit)
            .append("return;")
            .append(newline);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (untimed.get().throwsExecutionException()) {
      fix.addImport("java.util.concurrent.ExecutionException");
      text.append(indent)
          .append(unit)
          .append("} catch (ExecutionException ")
          .append(fresh("failed", taken))
          .append(") {")
          .append(newline)
          .append(indent)
          .append(unit)
          .append(unit)
          .append("// The task has ended; release what it acquired.")
          .append(newline);
    }
    text.append(indent)
        .append(unit)
        .append('}')
        .append(newline)
        .append(indent)
        .append(unit)
        .append(moved)
        .append(newline)
        .append(indent)
        .append("}).start();");
    return Optional.of(fix.replace(statement, text.toString()).build());
  }

  /**
   * How to run code once the task has ended: call {@code call} on {@code handle} in a cleaner
   * thread, or register a callback on it.
   */
  private record UntimedWait(
      String handle, String call, boolean throwsExecutionException, boolean registersCallback) {}

  private static Optional<UntimedWait> untimedFormOf(
      MethodInvocationTree wait, TaskSubmission submission, MethodTree method, VisitorState state) {
    ExpressionTree handle = ASTHelpers.getReceiver(wait);
    Symbol handleSymbol = handle == null ? null : stableVariable(handle, state);
    MethodSymbol waitMethod = ASTHelpers.getSymbol(wait);
    if (handleSymbol == null || waitMethod == null) {
      return Optional.empty();
    }
    String name = waitMethod.getSimpleName().toString();
    String handleText = state.getSourceForNode(handle);
    boolean ownHandle = submission.handles().contains(handleSymbol);
    if (name.equals("join")
        && ownHandle
        && AcquireReleasePairs.isSubtype(waitMethod.owner.type, "java.lang.Thread", state)) {
      return Optional.of(new UntimedWait(handleText, ".join()", false, false));
    }
    if (name.equals("await")
        && AcquireReleasePairs.isSubtype(
            waitMethod.owner.type, "java.util.concurrent.CountDownLatch", state)
        && countsDownLastOnly(submission, method, handleSymbol)) {
      return Optional.of(new UntimedWait(handleText, ".await()", false, false));
    }
    if (name.equals("get")
        && ownHandle
        && AcquireReleasePairs.isSubtype(
            waitMethod.owner.type, "java.util.concurrent.Future", state)
        && neverCompletedEarly(method, handleSymbol)) {
      boolean completable =
          AcquireReleasePairs.isSubtype(
              ASTHelpers.getType(handle), "java.util.concurrent.CompletableFuture", state);
      return Optional.of(new UntimedWait(handleText, ".get()", true, completable));
    }
    return Optional.empty();
  }

  /** The variable {@code handle} names, if it keeps its value (so a lambda may read it). */
  private static Symbol stableVariable(ExpressionTree handle, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(BareExpression.of(handle));
    boolean plainName =
        BareExpression.of(handle) instanceof IdentifierTree
            || BareExpression.of(handle) instanceof MemberSelectTree select
                && select.getExpression() instanceof IdentifierTree id
                && id.getName().contentEquals("this");
    return plainName
            && symbol instanceof VarSymbol variable
            && ProgramFlow.instance(state.context).isEffectivelyFinal(variable)
        ? symbol
        : null;
  }

  /**
   * Whether {@code latch} opens only once the task has ended: the task's last statement is a {@code
   * try} whose {@code finally} counts it down, no other code in the method counts it down, and the
   * method only calls methods on it.
   */
  private static boolean countsDownLastOnly(
      TaskSubmission submission, MethodTree method, Symbol latch) {
    if (submission.bodies().size() != 1
        || !(submission.bodies().get(0).code() instanceof BlockTree body)
        || body.getStatements().isEmpty()
        || !(body.getStatements().get(body.getStatements().size() - 1) instanceof TryTree last)
        || last.getFinallyBlock() == null
        || callsOn(last.getFinallyBlock(), latch, "countDown") != 1) {
      return false;
    }
    return callsOn(method, latch, "countDown") == 1 && onlyReceiver(method, latch);
  }

  /**
   * Whether the method leaves {@code future} to its task: it calls none of {@link #COMPLETING} on
   * it and only calls methods on it.
   */
  private static boolean neverCompletedEarly(MethodTree method, Symbol future) {
    for (String name : COMPLETING) {
      if (callsOn(method, future, name) > 0) {
        return false;
      }
    }
    return onlyReceiver(method, future);
  }

  /** How many calls to {@code name} on {@code receiver} {@code code} makes. */
  private static int callsOn(Tree code, Symbol receiver, String name) {
    int[] found = {0};
    code.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            ExpressionTree on = ASTHelpers.getReceiver(call);
            if (on != null
                && receiver.equals(ASTHelpers.getSymbol(BareExpression.of(on)))
                && ASTHelpers.getSymbol(call) instanceof MethodSymbol called
                && called.getSimpleName().contentEquals(name)) {
              found[0]++;
            }
            return super.visitMethodInvocation(call, null);
          }
        },
        null);
    return found[0];
  }

  /**
   * Whether every use of {@code variable} in {@code method} is the receiver of a call or its own
   * initialisation, so that no other code can reach it.
   */
  private static boolean onlyReceiver(MethodTree method, Symbol variable) {
    int[] receiverUses = {0};
    method.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            receiverUses[0] +=
                call.getMethodSelect() instanceof MemberSelectTree select
                        && select.getExpression() instanceof IdentifierTree id
                        && variable.equals(ASTHelpers.getSymbol(id))
                    ? 1
                    : 0;
            return super.visitMethodInvocation(call, null);
          }
        },
        null);
    return NameUses.count(method, variable) == receiverUses[0];
  }

  private static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }
}
