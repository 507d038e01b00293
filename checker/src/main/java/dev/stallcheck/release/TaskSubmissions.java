package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.List;
import java.util.Optional;

/**
 * Recognises where a method hands a task to another thread: {@code Executor.execute}, {@code
 * ExecutorService.submit/invokeAll/invokeAny}, {@code CompletionService.submit}, {@code
 * ScheduledExecutorService.schedule}, {@code CompletableFuture.runAsync/supplyAsync}, {@code new
 * Thread(...).start()} (directly or through a local variable), {@code
 * Thread.ofPlatform()/ofVirtual()...start(task)} and {@code Thread.startVirtualThread(task)}.
 */
final class TaskSubmissions {
  private static final ImmutableSet<String> COLLECTION_ADDS =
      ImmutableSet.of("add", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push");

  private final VisitorState state;
  private final DirectCalls calls;
  private final TaskBodies bodies;

  TaskSubmissions(VisitorState state, DirectCalls calls, TaskBodies bodies) {
    this.state = state;
    this.calls = calls;
    this.bodies = bodies;
  }

  /** Every submission among the method's direct calls whose task code is known. */
  ImmutableList<TaskSubmission> all() {
    ImmutableList.Builder<TaskSubmission> out = ImmutableList.builder();
    for (TreePath path : calls.calls()) {
      recognize(path).filter(s -> !s.bodies().isEmpty()).ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<TaskSubmission> recognize(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return Optional.empty();
    }
    String name = method.getSimpleName().toString();
    List<? extends ExpressionTree> args = call.getArguments();
    ImmutableSet<Symbol> executor = receiverRoot(call);
    if (name.equals("start") && args.isEmpty() && owned(method, "java.lang.Thread")) {
      return threadStart(call, path);
    }
    if (args.isEmpty()) {
      return Optional.empty();
    }
    ExpressionTree task = args.get(0);
    boolean submits =
        name.equals("execute") && owned(method, "java.util.concurrent.Executor")
            || name.equals("submit") && owned(method, "java.util.concurrent.ExecutorService")
            || name.equals("submit") && owned(method, "java.util.concurrent.CompletionService")
            || name.equals("schedule")
                && owned(method, "java.util.concurrent.ScheduledExecutorService")
            || (name.equals("runAsync") || name.equals("supplyAsync"))
                && method.isStatic()
                && owned(method, "java.util.concurrent.CompletableFuture")
            || name.equals("start") && args.size() == 1 && owned(method, "java.lang.Thread.Builder")
            || name.equals("startVirtualThread") && owned(method, "java.lang.Thread");
    if (submits) {
      return Optional.of(new TaskSubmission(call, bodies.of(task), handlesOf(path), executor));
    }
    if ((name.equals("invokeAll") || name.equals("invokeAny"))
        && owned(method, "java.util.concurrent.ExecutorService")) {
      return Optional.of(
          new TaskSubmission(call, bodies.ofCollection(task), handlesOf(path), executor));
    }
    return Optional.empty();
  }

  /** {@code t.start()} or {@code new Thread(...).start()}: the task is what the thread runs. */
  private Optional<TaskSubmission> threadStart(MethodInvocationTree start, TreePath path) {
    ExpressionTree receiver = ASTHelpers.getReceiver(start);
    if (receiver == null) {
      return Optional.empty();
    }
    ExpressionTree creation = BareExpression.of(receiver);
    ImmutableSet<Symbol> handles = receiverRoot(start);
    if (!(creation instanceof NewClassTree)) {
      creation = bodies.initializerOf(creation);
      if (creation != null) {
        creation = BareExpression.of(creation);
      }
    }
    if (!(creation instanceof NewClassTree newThread)) {
      return Optional.empty();
    }
    ImmutableList.Builder<TaskBody> code = ImmutableList.builder();
    // A Thread subclass (anonymous or declared in this compilation) runs its own run().
    Type created = ASTHelpers.getType(newThread);
    if (newThread.getClassBody() != null
        || (created != null
            && !created.tsym.getQualifiedName().contentEquals("java.lang.Thread"))) {
      code.addAll(bodies.of(newThread));
    }
    for (ExpressionTree arg : newThread.getArguments()) {
      if (AcquireReleasePairs.isSubtype(ASTHelpers.getType(arg), "java.lang.Runnable", state)) {
        code.addAll(bodies.of(arg));
      }
    }
    return Optional.of(
        new TaskSubmission(
            start,
            code.build(),
            ImmutableSet.<Symbol>builder().addAll(handles).addAll(handlesOf(path)).build(),
            ImmutableSet.of()));
  }

  /**
   * The variables the submission's result (future or thread) is stored in: a local it is assigned
   * to; or a collection it is added to ({@code futures.add(executor.submit(task))}), with the
   * variables of the method's {@code for (Future<?> f : futures)} loops over that collection.
   */
  private ImmutableSet<Symbol> handlesOf(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree)) {
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return ImmutableSet.of();
    }
    Tree leaf = parent.getLeaf();
    Symbol sym = null;
    if (leaf instanceof VariableTree variable) {
      sym = ASTHelpers.getSymbol(variable);
    } else if (leaf instanceof AssignmentTree assignment) {
      sym = ASTHelpers.getSymbol(assignment.getVariable());
    } else if (leaf instanceof MethodInvocationTree add && isCollectionAdd(add)) {
      return collectionHandles(add, parent);
    }
    return sym == null ? ImmutableSet.of() : ImmutableSet.of(sym);
  }

  /** {@code add}, {@code offer} or {@code push} on a {@code Collection}: it keeps the element. */
  private boolean isCollectionAdd(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && COLLECTION_ADDS.contains(method.getSimpleName().toString())
        && owned(method, "java.util.Collection");
  }

  private static ImmutableSet<Symbol> collectionHandles(MethodInvocationTree add, TreePath at) {
    Optional<Symbol> collection = receiverRoot(add).stream().findFirst();
    MethodTree method = ASTHelpers.findEnclosingNode(at, MethodTree.class);
    if (collection.isEmpty() || method == null || method.getBody() == null) {
      return ImmutableSet.of();
    }
    ImmutableSet.Builder<Symbol> handles = ImmutableSet.builder();
    handles.add(collection.get());
    method
        .getBody()
        .accept(
            new TreeScanner<Void, Void>() {
              @Override
              public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
                if (ReferencePaths.rootOf(loop.getExpression()).equals(collection)) {
                  handles.add(ASTHelpers.getSymbol(loop.getVariable()));
                }
                return super.visitEnhancedForLoop(loop, null);
              }
            },
            null);
    return handles.build();
  }

  private static ImmutableSet<Symbol> receiverRoot(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null) {
      return ImmutableSet.of();
    }
    return ReferencePaths.rootOf(receiver).map(ImmutableSet::of).orElse(ImmutableSet.of());
  }

  private boolean owned(MethodSymbol method, String owner) {
    return AcquireReleasePairs.isSubtype(method.owner.type, owner, state);
  }
}
