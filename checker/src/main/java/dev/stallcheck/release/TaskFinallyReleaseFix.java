package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first fix for a release ordered only by a timeout: the task releases what it acquired in a
 * {@code finally} that starts right after its acquire, and the caller's release is deleted. The
 * task then owns the resource from acquire to release, whatever the caller's wait does.
 *
 * <p>Offered only where the rewrite provably keeps the program's meaning apart from when and where
 * the release happens:
 *
 * <ul>
 *   <li>the caller's release statement is a {@link MovableRelease}, the method's only release of
 *       that acquire, and the method reads nothing the task writes (the holder) except in it: the
 *       caller does not use the resource;
 *   <li>the task is one lambda with a block body, or the {@code run}/{@code call} method of an
 *       anonymous class, or of a local class created once, in the method that releases (another
 *       method of the object, such as {@code start()}, may share the resource with more code); it
 *       makes the acquire itself, as a statement of its own ({@code sem.acquire();}, {@code
 *       holder[0] = pool.acquire();}, {@code T x = pool.acquire();}) that no loop, lambda or class
 *       encloses, and whose block ends the task (the {@code finally} then covers everything the
 *       task does after the acquire), and no catch or finally the task runs afterwards reads the
 *       holder;
 *   <li>the holder the release reads, if any, is the one the acquire's result is stored into, so
 *       that the {@code finally} after the acquire sees the acquired value; an acquire that reports
 *       failure by returning {@code false} ({@code tryAcquire}, {@code tryLock}) stores its result,
 *       and the release in the task runs only if it is {@code true};
 *   <li>every name the release statement uses means the same inside the task: locals declared
 *       before the task, nothing of the same name declared in the task, and in a class body no
 *       member of that name and no {@code this}.
 * </ul>
 */
final class TaskFinallyReleaseFix {
  private TaskFinallyReleaseFix() {}

  /**
   * The fix moving {@code release} (at {@code releasePath}) into {@code submission}'s task, which
   * makes {@code acquire}; empty where it is not provably safe.
   */
  static Optional<SuggestedFix> of(
      TreePath releasePath,
      Acquire acquire,
      ImmutableList<Acquire> taskAcquires,
      TaskSubmission submission,
      TreePath methodPath,
      DirectCalls calls,
      AcquireReleasePairs pairs,
      VisitorState state) {
    Optional<MovableRelease> movable = MovableRelease.of(releasePath, state);
    if (movable.isEmpty() || submission.bodies().size() != 1) {
      return Optional.empty();
    }
    TaskBody body = submission.bodies().get(0);
    MethodTree method = (MethodTree) methodPath.getLeaf();
    if (body.unit() != state.getPath().getCompilationUnit()
        || acquire.unit() != body.unit()
        || !acquire.via().isEmpty()
        || !(body.code() instanceof BlockTree taskBlock)
        || !contains(method, taskBlock, state)
        || !contains(taskBlock, acquire.call(), state)
        || !editableTask(body, method, state)) {
      return Optional.empty();
    }
    TreePath acquirePath = TreePath.getPath(body.unit(), acquire.call());
    Optional<AcquireStatement> acquired =
        acquirePath == null ? Optional.empty() : AcquireStatement.of(acquirePath, taskBlock, state);
    if (acquired.isEmpty()) {
      return Optional.empty();
    }
    MovableRelease release = movable.get();
    Tree taskTree = taskTree(body);
    Map<Symbol, Integer> writes = writesIn(taskTree);
    Set<Symbol> holders = new HashSet<>(symbolsIn(release.tree()));
    holders.retainAll(writes.keySet());
    boolean reportsFailure =
        ASTHelpers.getType(acquire.call()) != null
            && ASTHelpers.getType(acquire.call()).getTag() == TypeTag.BOOLEAN;
    Symbol target = acquired.get().target();
    if (taskAcquires.stream().filter(a -> pairs.isReleaseOf(a, release.release(), state)).count()
            != 1
        || !holders.isEmpty() && (target == null || !holders.equals(Set.of(target)))
        || target != null
            && writes.getOrDefault(target, 0)
                != (acquired.get().statement().getLeaf() instanceof VariableTree ? 0 : 1)
        || reportsFailure && target == null
        || reportsFailure && release.guard().isPresent() && !guardsOn(release.guard().get(), target)
        || !releasesOnce(method, taskTree, acquire, pairs, state)
        || readsOutside(method, taskTree, release.tree(), holders)
        || acquired.get().handlers().stream().anyMatch(handler -> reads(handler, holders))
        || !meansTheSameInTask(release.tree(), taskTree, taskBlock, methodPath, calls, state)) {
      return Optional.empty();
    }
    return Optional.of(rewrite(release, acquired.get(), taskTree, reportsFailure, state));
  }

  /**
   * The acquire's own statement in the task, the variable its result is stored into, and the catch
   * and finally blocks of the task that run after the statements the rewrite wraps.
   */
  private record AcquireStatement(
      TreePath statement, Symbol target, String targetText, List<Tree> handlers) {

    static Optional<AcquireStatement> of(TreePath call, BlockTree task, VisitorState state) {
      TreePath parent = call.getParentPath();
      Symbol target = null;
      Tree targetTree = null;
      if (parent.getLeaf() instanceof AssignmentTree assignment
          && assignment.getExpression() == call.getLeaf()) {
        targetTree = assignment.getVariable();
        target = ReferencePaths.rootOf(assignment.getVariable()).orElse(null);
        if (target == null) {
          return Optional.empty();
        }
        parent = parent.getParentPath();
      }
      if (!(parent.getLeaf() instanceof ExpressionStatementTree)
          && !(parent.getLeaf() instanceof VariableTree declared
              && declared.getInitializer() == call.getLeaf())) {
        return Optional.empty();
      }
      if (parent.getLeaf() instanceof VariableTree declared) {
        target = ASTHelpers.getSymbol(declared);
      }
      List<Tree> handlers =
          parent.getParentPath().getLeaf() instanceof BlockTree
              ? handlersOnTheWayOut(parent.getParentPath(), task)
              : null;
      if (handlers == null) {
        return Optional.empty();
      }
      String text =
          parent.getLeaf() instanceof VariableTree declared
              ? declared.getName().toString()
              : targetTree == null ? null : state.getSourceForNode(targetTree);
      return Optional.of(new AcquireStatement(parent, target, text, handlers));
    }

    /**
     * The catch and finally blocks that run after the acquire's block on the way out of the task,
     * if that block ends the task: between it and the task's block lie only blocks whose last
     * statement leads to it, the try blocks of {@code try}s and the branches of {@code if}s; no
     * loop (one acquire, one release), no lambda or class, and nothing after it in the task. Null
     * otherwise.
     */
    private static List<Tree> handlersOnTheWayOut(TreePath block, BlockTree task) {
      List<Tree> handlers = new ArrayList<>();
      Tree child = block.getLeaf();
      if (child == task) {
        return handlers;
      }
      for (TreePath p = block.getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof BlockTree enclosing) {
          List<? extends StatementTree> statements = enclosing.getStatements();
          if (statements.get(statements.size() - 1) != child) {
            return null;
          }
          if (leaf == task) {
            return handlers;
          }
        } else if (leaf instanceof TryTree attempt && attempt.getBlock() == child) {
          attempt.getCatches().forEach(handler -> handlers.add(handler.getBlock()));
          if (attempt.getFinallyBlock() != null) {
            handlers.add(attempt.getFinallyBlock());
          }
        } else if (!(leaf instanceof IfTree)) {
          return null;
        }
        child = leaf;
      }
      return null;
    }
  }

  /**
   * The edits: the task's statements after the acquire go into {@code try { ... } finally { release
   * }}, and the caller's release statement goes ({@link CallerReleaseRemoval}).
   */
  private static SuggestedFix rewrite(
      MovableRelease release,
      AcquireStatement acquired,
      Tree task,
      boolean reportsFailure,
      VisitorState state) {
    CharSequence source = state.getSourceCode();
    String newline = FixLayout.newline(source);
    StatementTree statement = (StatementTree) acquired.statement().getLeaf();
    String indent = FixLayout.leadingBlanks(ASTHelpers.getStartPosition(statement), source);
    String unit = FixLayout.unitOfIndentation(acquired.statement(), indent, source);
    String callerIndent =
        FixLayout.leadingBlanks(ASTHelpers.getStartPosition(release.tree()), source);
    List<? extends StatementTree> block =
        ((BlockTree) acquired.statement().getParentPath().getLeaf()).getStatements();
    List<? extends StatementTree> rest = block.subList(block.indexOf(statement) + 1, block.size());
    String releaseIndent = rest.isEmpty() ? indent : indent + unit;
    String moved =
        FixLayout.rebased(state.getSourceForNode(release.tree()), callerIndent, releaseIndent);
    if (reportsFailure && release.guard().isEmpty()) {
      moved =
          "if ("
              + acquired.targetText()
              + ") {"
              + newline
              + releaseIndent
              + unit
              + FixLayout.rebased(moved, releaseIndent, releaseIndent + unit)
              + newline
              + releaseIndent
              + "}";
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (rest.isEmpty()) {
      fix.postfixWith(statement, newline + indent + moved);
    } else {
      int start = ASTHelpers.getStartPosition(rest.get(0));
      int end = state.getEndPosition(rest.get(rest.size() - 1));
      String body = source.subSequence(start, end).toString();
      fix.replace(
          start,
          end,
          "try {"
              + newline
              + indent
              + unit
              + FixLayout.reindented(body, unit)
              + newline
              + indent
              + "} finally {"
              + newline
              + indent
              + unit
              + moved
              + newline
              + indent
              + "}");
    }
    CallerReleaseRemoval.delete(fix, release, task, state);
    return fix.build();
  }

  /** Whether the release's guard tests exactly the acquire's boolean result. */
  private static boolean guardsOn(IfTree guard, Symbol target) {
    ExpressionTree condition = BareExpression.of(guard.getCondition());
    return ReferencePaths.rootOf(condition).filter(target::equals).isPresent()
        && ASTHelpers.getType(condition) != null
        && ASTHelpers.getType(condition).getTag() == TypeTag.BOOLEAN;
  }

  /** The lambda or class of the task, which the rewrite edits. */
  private static Tree taskTree(TaskBody body) {
    TreePath path = TreePath.getPath(body.unit(), body.code());
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return p.getLeaf();
      }
    }
    return body.code();
  }

  /**
   * Whether the rewrite may edit the task: a lambda, an anonymous class, or a local class that the
   * method names only once (so no other task shares the edited code).
   */
  private static boolean editableTask(TaskBody body, MethodTree method, VisitorState state) {
    if (body.method().isEmpty()) {
      TreePath path = TreePath.getPath(body.unit(), body.code());
      return path != null && path.getParentPath().getLeaf() instanceof LambdaExpressionTree;
    }
    if (!(body.method().get().owner instanceof ClassSymbol owner)) {
      return false;
    }
    if (owner.isAnonymous()) {
      return true;
    }
    if (!owner.isDirectlyOrIndirectlyLocal()) {
      return false;
    }
    return NameUses.count(method, owner) == 1 && contains(method, body.code(), state);
  }

  /** Whether the method's only releases of {@code acquire} outside the task are exactly one. */
  private static boolean releasesOnce(
      MethodTree method,
      Tree task,
      Acquire acquire,
      AcquireReleasePairs pairs,
      VisitorState state) {
    int[] releases = {0};
    method.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            releases[0] += pairs.isReleaseOf(acquire, call, state) ? 1 : 0;
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void scan(Tree tree, Void unused) {
            return tree == task ? null : super.scan(tree, null);
          }
        },
        null);
    return releases[0] == 1;
  }

  /**
   * Whether the method reads a holder outside the task and the release statement: the caller then
   * uses what the task acquired.
   */
  private static boolean readsOutside(
      MethodTree method, Tree task, Tree release, Set<Symbol> holders) {
    boolean[] read = {false};
    method.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree id, Void unused) {
            read[0] |= holders.contains(ASTHelpers.getSymbol(id));
            return null;
          }

          @Override
          public Void scan(Tree tree, Void unused) {
            return tree == task || tree == release ? null : super.scan(tree, null);
          }
        },
        null);
    return read[0];
  }

  /** Whether {@code code} reads a holder. */
  private static boolean reads(Tree code, Set<Symbol> holders) {
    return symbolsIn(code).stream().anyMatch(holders::contains);
  }

  /**
   * Whether every name in {@code release} resolves to the same variable inside the task: a local
   * declared before the task (so the task can capture it), a parameter, or a field, with nothing in
   * the task declaring that name, and no {@code this} or inherited member in a class body.
   */
  private static boolean meansTheSameInTask(
      Tree release,
      Tree task,
      BlockTree taskBlock,
      TreePath methodPath,
      DirectCalls calls,
      VisitorState state) {
    Set<String> declaredInTask = DeclaredNames.in(task);
    MethodTree method = (MethodTree) methodPath.getLeaf();
    boolean[] changes = {false};
    release.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree id, Void unused) {
            String name = id.getName().toString();
            Symbol symbol = ASTHelpers.getSymbol(id);
            boolean shadowed =
                declaredInTask.contains(name)
                    || task instanceof ClassTree declared
                        && (name.equals("this")
                            || name.equals("super")
                            || inheritedMember(declared, name, state));
            boolean capturable =
                !(symbol instanceof VarSymbol variable)
                    || variable.getKind().isField()
                    || method.getParameters().stream()
                        .anyMatch(p -> variable.equals(ASTHelpers.getSymbol(p)))
                    || calls.locals().containsKey(variable)
                        && ASTHelpers.getStartPosition(calls.locals().get(variable))
                            < ASTHelpers.getStartPosition(taskBlock);
            changes[0] |= shadowed || !capturable;
            return null;
          }
        },
        null);
    return !changes[0];
  }

  /** Whether the class of an anonymous or local task has a member named {@code name}. */
  private static boolean inheritedMember(ClassTree task, String name, VisitorState state) {
    ClassSymbol symbol = ASTHelpers.getSymbol(task);
    return symbol == null
        || state
            .getTypes()
            .membersClosure(symbol.type, /* skipInterface= */ false)
            .getSymbolsByName(state.getName(name))
            .iterator()
            .hasNext();
  }

  /**
   * The root variables the task assigns, with how many assignments: {@code holder} in {@code
   * holder[0] = ...}.
   */
  private static Map<Symbol, Integer> writesIn(Tree task) {
    Map<Symbol, Integer> written = new HashMap<>();
    task.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitAssignment(AssignmentTree assignment, Void unused) {
            count(assignment.getVariable());
            return super.visitAssignment(assignment, null);
          }

          @Override
          public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
            count(assignment.getVariable());
            return super.visitCompoundAssignment(assignment, null);
          }

          private void count(ExpressionTree variable) {
            ReferencePaths.rootOf(variable).ifPresent(root -> written.merge(root, 1, Integer::sum));
          }
        },
        null);
    return written;
  }

  private static Set<Symbol> symbolsIn(Tree tree) {
    Set<Symbol> symbols = new HashSet<>();
    tree.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree id, Void unused) {
            Symbol symbol = ASTHelpers.getSymbol(id);
            if (symbol != null) {
              symbols.add(symbol);
            }
            return null;
          }
        },
        null);
    return symbols;
  }

  /** Whether {@code inner} lies in {@code outer}'s source range. */
  private static boolean contains(Tree outer, Tree inner, VisitorState state) {
    return ASTHelpers.getStartPosition(outer) <= ASTHelpers.getStartPosition(inner)
        && state.getEndPosition(inner) <= state.getEndPosition(outer);
  }
}
