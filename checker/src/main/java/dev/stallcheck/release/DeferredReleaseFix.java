package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The fix for a release ordered only by a timeout: the release statement runs in a cleaner thread
 * that first waits, without a timeout, for what the timed wait gave up on ({@code t.join()}, {@code
 * latch.await()}, {@code future.get()}), so that it runs after the task's acquire on every path.
 * This is the fix of the Go report this check comes from (the worker starts a cleaner that waits on
 * the exit signal).
 *
 * <p>Offered only where the rewrite provably keeps the program's meaning apart from when the
 * release happens:
 *
 * <ul>
 *   <li>the release is a statement of its own, or the only statement of an {@code if} without
 *       {@code else}, and it makes no other call, so that running it later changes nothing else;
 *   <li>every variable it reads is an effectively final local or parameter or a final field (the
 *       cleaner sees the values the caller saw; holder slots the task fills are read after the
 *       task), and its calls throw no checked exception;
 *   <li>it runs whenever the method reaches it: not under another condition, in a catch or in a
 *       loop (one cleaner, started whatever the task has done by then);
 *   <li>the untimed wait ends once the task ends: a thread's {@code join()}; a latch's {@code
 *       await()} when the task counts it down in a {@code finally}; a future's {@code get()} when
 *       the method never cancels it (a cancelled future returns before its task ends).
 * </ul>
 */
final class DeferredReleaseFix {
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
    TreePath statementPath = releaseStatement(releasePath);
    if (statementPath == null
        || !runsUnconditionally(statementPath)
        || !onlyCall(statementPath.getLeaf(), releasePath.getLeaf())
        || !readsOnlyStableValues(statementPath.getLeaf())
        || throwsChecked(releasePath.getLeaf(), state)) {
      return Optional.empty();
    }
    Optional<UntimedWait> untimed = untimedFormOf(wait, submission, method, state);
    if (untimed.isEmpty()) {
      return Optional.empty();
    }
    StatementTree statement = (StatementTree) statementPath.getLeaf();
    CharSequence source = state.getSourceCode();
    int start = ASTHelpers.getStartPosition(statement);
    String indent = leadingBlanks(start, source);
    String unit = unitOfIndentation(statementPath, indent, source);
    String newline = source.toString().contains("\r\n") ? "\r\n" : "\n";
    Set<String> taken = namesDeclaredIn(method);
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
        .append(reindented(state.getSourceForNode(statement), unit))
        .append(newline)
        .append(indent)
        .append("}).start();");
    return Optional.of(fix.replace(statement, text.toString()).build());
  }

  /** How to wait for the task without a timeout, in the cleaner. */
  private record UntimedWait(String call, boolean throwsExecutionException) {}

  private static Optional<UntimedWait> untimedFormOf(
      MethodInvocationTree wait, TaskSubmission submission, MethodTree method, VisitorState state) {
    ExpressionTree handle = ASTHelpers.getReceiver(wait);
    Symbol handleSymbol = handle == null ? null : stableVariable(handle);
    MethodSymbol waitMethod = ASTHelpers.getSymbol(wait);
    if (handleSymbol == null || waitMethod == null) {
      return Optional.empty();
    }
    String name = waitMethod.getSimpleName().toString();
    String handleText = state.getSourceForNode(handle);
    if (name.equals("join")
        && AcquireReleasePairs.isSubtype(waitMethod.owner.type, "java.lang.Thread", state)) {
      return Optional.of(new UntimedWait(handleText + ".join()", false));
    }
    if (name.equals("await")
        && AcquireReleasePairs.isSubtype(
            waitMethod.owner.type, "java.util.concurrent.CountDownLatch", state)
        && countsDownInFinally(submission, handleSymbol)) {
      return Optional.of(new UntimedWait(handleText + ".await()", false));
    }
    if (name.equals("get")
        && AcquireReleasePairs.isSubtype(
            waitMethod.owner.type, "java.util.concurrent.Future", state)
        && !callsOn(method, handleSymbol, "cancel")) {
      return Optional.of(new UntimedWait(handleText + ".get()", true));
    }
    return Optional.empty();
  }

  /**
   * The statement to move: the release's own statement, or the {@code if} without {@code else}
   * whose only statement it is; null if the release's value is used.
   */
  private static TreePath releaseStatement(TreePath release) {
    TreePath statement = release.getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    TreePath parent = statement.getParentPath();
    if (parent.getLeaf() instanceof BlockTree block
        && block.getStatements().size() == 1
        && parent.getParentPath().getLeaf() instanceof IfTree guard
        && guard.getElseStatement() == null
        && guard.getThenStatement() == block) {
      return parent.getParentPath();
    }
    if (parent.getLeaf() instanceof IfTree guard && guard.getElseStatement() == null) {
      return parent;
    }
    return statement;
  }

  /**
   * Whether the statement runs whenever the method gets there: it sits only in blocks and try or
   * finally blocks, not under a condition, in a catch or in a loop, so that the caller starts the
   * cleaner exactly once, whatever the task has done by then.
   */
  private static boolean runsUnconditionally(TreePath statement) {
    Tree child = statement.getLeaf();
    for (TreePath p = statement.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree) {
        return true;
      }
      boolean plainBlock = leaf instanceof BlockTree;
      boolean tryOrFinally =
          leaf instanceof TryTree tree
              && (tree.getBlock() == child || tree.getFinallyBlock() == child);
      if (!plainBlock && !tryOrFinally) {
        return false;
      }
      child = leaf;
    }
    return false;
  }

  private static boolean onlyCall(Tree statement, Tree release) {
    boolean[] other = {false};
    statement.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            other[0] |= call != release;
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitNewClass(NewClassTree created, Void unused) {
            other[0] = true;
            return null;
          }
        },
        null);
    return !other[0];
  }

  /** Whether every variable {@code statement} names keeps its value: see the class comment. */
  private static boolean readsOnlyStableValues(Tree statement) {
    boolean[] unstable = {false};
    statement.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree id, Void unused) {
            unstable[0] |=
                ASTHelpers.getSymbol(id) instanceof VarSymbol variable && !isStable(variable);
            return null;
          }

          @Override
          public Void visitMemberSelect(MemberSelectTree select, Void unused) {
            unstable[0] |=
                ASTHelpers.getSymbol(select) instanceof VarSymbol variable && !isStable(variable);
            return super.visitMemberSelect(select, null);
          }
        },
        null);
    return !unstable[0];
  }

  private static boolean isStable(VarSymbol variable) {
    if (variable.getKind().isField()) {
      return (variable.flags() & Flags.FINAL) != 0;
    }
    return (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
  }

  /** The variable {@code handle} names, if it keeps its value (so a lambda may read it). */
  private static Symbol stableVariable(ExpressionTree handle) {
    Symbol symbol = ASTHelpers.getSymbol(ReferenceChain.strip(handle));
    boolean plainName =
        ReferenceChain.strip(handle) instanceof IdentifierTree
            || ReferenceChain.strip(handle) instanceof MemberSelectTree select
                && select.getExpression() instanceof IdentifierTree id
                && id.getName().contentEquals("this");
    return plainName && symbol instanceof VarSymbol variable && isStable(variable) ? symbol : null;
  }

  private static boolean throwsChecked(Tree release, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) release);
    if (method == null) {
      return true;
    }
    for (Type thrown : method.getThrownTypes()) {
      if (!AcquireReleasePairs.isSubtype(thrown, "java.lang.RuntimeException", state)
          && !AcquireReleasePairs.isSubtype(thrown, "java.lang.Error", state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the task's code counts {@code latch} down in a {@code finally}, so it always does. */
  private static boolean countsDownInFinally(TaskSubmission submission, Symbol latch) {
    for (TaskBody body : submission.bodies()) {
      boolean[] found = {false};
      body.code()
          .accept(
              new TreeScanner<Void, Void>() {
                @Override
                public Void visitTry(TryTree tree, Void unused) {
                  if (tree.getFinallyBlock() != null
                      && callsOn(tree.getFinallyBlock(), latch, "countDown")) {
                    found[0] = true;
                  }
                  return super.visitTry(tree, null);
                }
              },
              null);
      if (found[0]) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code code} calls {@code name} on {@code receiver}. */
  private static boolean callsOn(Tree code, Symbol receiver, String name) {
    boolean[] found = {false};
    code.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            ExpressionTree on = ASTHelpers.getReceiver(call);
            if (on != null
                && receiver.equals(ASTHelpers.getSymbol(ReferenceChain.strip(on)))
                && ASTHelpers.getSymbol(call) instanceof MethodSymbol called
                && called.getSimpleName().contentEquals(name)) {
              found[0] = true;
            }
            return super.visitMethodInvocation(call, null);
          }
        },
        null);
    return found[0];
  }

  private static Set<String> namesDeclaredIn(MethodTree method) {
    Set<String> names = new HashSet<>();
    method.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree variable, Void unused) {
            names.add(variable.getName().toString());
            return super.visitVariable(variable, null);
          }
        },
        null);
    return names;
  }

  private static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }

  private static String leadingBlanks(int position, CharSequence source) {
    int start = position;
    while (start > 0 && source.charAt(start - 1) != '\n' && source.charAt(start - 1) != '\r') {
      start--;
    }
    int end = start;
    while (end < position && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
      end++;
    }
    return source.subSequence(start, end).toString();
  }

  /**
   * One level of indentation: what the statement's line adds to the line that opens the block
   * around it, or two spaces where that does not tell.
   */
  private static String unitOfIndentation(TreePath statement, String indent, CharSequence source) {
    for (TreePath p = statement.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        String outer = leadingBlanks(ASTHelpers.getStartPosition(block), source);
        return indent.startsWith(outer) && indent.length() > outer.length()
            ? indent.substring(outer.length())
            : "  ";
      }
    }
    return "  ";
  }

  /** {@code code} with {@code unit} added to every line after the first. */
  private static String reindented(String code, String unit) {
    return code.replace("\n", "\n" + unit);
  }
}
