package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.PerCompilation;
import java.util.HashMap;
import java.util.Map;

/**
 * The tasks each method of a class starts that keep a handle in a field of the object: a thread or
 * future stored in a field ({@code worker = new Thread(..)}, {@code this.job = pool.submit(..)}),
 * or a task that signals a field (a latch the task counts down). Another method of the same object
 * ({@code stop()}, {@code close()}) that waits on that field with a timeout and then releases what
 * the task acquired has the race of the one-method shape, across methods.
 *
 * <p>Memoized per class for the whole compilation: each method of a class is scanned once.
 */
final class ClassTasks {
  private static final Context.Key<Map<AcquireReleasePairs, ClassTasks>> KEY = new Context.Key<>();

  /**
   * A task one method of the class starts, with what it acquires and leaves unreleased.
   *
   * @param submission where and what the task is
   * @param acquires what it acquires and does not release
   * @param method the method that starts it
   */
  record Started(TaskSubmission submission, ImmutableList<Acquire> acquires, MethodSymbol method) {}

  private final AcquireReleasePairs pairs;
  private final Map<ClassSymbol, ImmutableList<Started>> byClass = new HashMap<>();

  private ClassTasks(AcquireReleasePairs pairs) {
    this.pairs = pairs;
  }

  static ClassTasks instance(VisitorState state, AcquireReleasePairs pairs) {
    return PerCompilation.instance(state.context, KEY, pairs, ClassTasks::new);
  }

  /**
   * The tasks the methods of the class at {@code classPath} start and that leave something
   * unreleased.
   */
  ImmutableList<Started> of(TreePath classPath, VisitorState state) {
    ClassSymbol type = ASTHelpers.getSymbol((ClassTree) classPath.getLeaf());
    ImmutableList<Started> known = byClass.get(type);
    if (known != null) {
      return known;
    }
    ImmutableList.Builder<Started> out = ImmutableList.builder();
    TaskAcquires taskAcquires = new TaskAcquires(pairs, state);
    for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
      if (!(member instanceof MethodTree method)
          || method.getBody() == null
          || !(ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol)
          || symbol.isStatic()) {
        continue;
      }
      TreePath methodPath = new TreePath(classPath, method);
      DirectCalls calls = DirectCalls.of(new TreePath(methodPath, method.getBody()));
      for (TaskSubmission submission :
          new TaskSubmissions(state, calls, new TaskBodies(state, calls)).all()) {
        ImmutableList<Acquire> acquires = taskAcquires.unreleased(submission);
        if (!acquires.isEmpty()) {
          out.add(new Started(submission, acquires, symbol));
        }
      }
    }
    ImmutableList<Started> result = out.build();
    byClass.put(type, result);
    return result;
  }

  static boolean isInstanceField(Symbol symbol) {
    return symbol != null && symbol.getKind().isField() && !ASTHelpers.isStatic(symbol);
  }
}
