package dev.stallcheck.release;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.cfg.ControlFlowGraphs;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole check for one method: the conjunction of (1) a task submitted to another thread, (2) an
 * acquire inside the task that the task does not release, (3) a timed wait, after the submission,
 * on something the task signals or on the task itself, and (4) a release of that acquire reached on
 * a path where the wait timed out. Also the abandoned hand-off: (1) and (2) with the acquired value
 * published, (3), and a timed-out path that leaves the method with nobody left to release what the
 * task acquires later. More shapes have their own classes: a waiter abandoned in a granting channel
 * ({@link AbandonedWaiters}), a release in a callback that a timeout triggers while the work runs
 * on ({@link TimeoutStageReleases}) or in a timer task ({@link TimerReleases}), and the caller's
 * own resource released while the timed-out task it was handed to may still use it ({@link
 * HandedOverReleases}). A release may be made through a helper ({@link HelperReleases}). A task
 * that another method of the object starts ({@link ClassTasks}) counts when the wait is on a field
 * of the object: {@code start()} submits, {@code stop()} waits with a timeout and releases.
 *
 * <p>Immutable; {@link #findings} analyses a method once, building its CFG only when (1) and (2)
 * hold, and not at all when nothing the method may run waits with a timeout, puts a timeout on a
 * future or schedules a timer task ({@link TimeoutReach}).
 */
public final class ReleaseOrderAnalysis {
  private final AcquireReleasePairs pairs;

  public ReleaseOrderAnalysis(AcquireReleasePairs pairs) {
    this.pairs = pairs;
  }

  /** The findings in the method at {@code methodPath}, in source order. */
  public ImmutableList<Finding> findings(TreePath methodPath, VisitorState state) {
    MethodTree method = (MethodTree) methodPath.getLeaf();
    if (method.getBody() == null) {
      return ImmutableList.of();
    }
    MethodSymbol methodSymbol = ASTHelpers.getSymbol(method);
    if (methodSymbol == null || !TimeoutReach.mayFindIn(methodSymbol, state)) {
      return ImmutableList.of();
    }
    return analyse(methodPath, method, methodSymbol, state);
  }

  /**
   * The findings in a method that {@link TimeoutReach} says may have one. Apart from the test,
   * which every method of the compilation takes and few pass, so that the JIT compiles that test
   * alone.
   */
  private ImmutableList<Finding> analyse(
      TreePath methodPath, MethodTree method, MethodSymbol methodSymbol, VisitorState state) {
    DirectCalls calls = DirectCalls.of(new TreePath(methodPath, method.getBody()));
    List<Finding> all = new ArrayList<>(new TimeoutStageReleases(pairs).findings(calls, state));
    TaskBodies taskBodies = new TaskBodies(state, calls);
    HelperReleases helperReleases = new HelperReleases(pairs, taskBodies, state);
    all.addAll(new TimerReleases(pairs).findings(calls, taskBodies, helperReleases, state));
    Waits waits = new Waits(state);
    List<MethodInvocationTree> timedWaits = new ArrayList<>();
    for (TreePath path : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      if (waits.kindOf(call).filter(WaitKind::isTimed).isPresent()) {
        timedWaits.add(call);
      }
    }
    if (timedWaits.isEmpty()) {
      return ImmutableList.copyOf(all);
    }
    timedWaits.sort(Comparator.comparingInt(ASTHelpers::getStartPosition));
    Supplier<Optional<TimeoutPaths>> timeoutPaths =
        Suppliers.memoize(
            () ->
                ControlFlowGraphs.build(methodPath, state)
                    .map(cfg -> new TimeoutPaths(cfg, waits, state)));
    all.addAll(
        new AbandonedWaiters(WaiterChannels.instance(state, pairs))
            .findings(timedWaits, calls, waits, timeoutPaths, state));
    all.addAll(taskFindings(method, methodSymbol, calls, timedWaits, waits, timeoutPaths, state));
    all.addAll(
        new HandedOverReleases(pairs)
            .findings(calls, taskBodies, helperReleases, timedWaits, waits, timeoutPaths, state));
    // One report per call: a release racing with the task's acquire is not reported again as
    // racing with its use.
    Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    all.removeIf(finding -> !reported.add(finding.at()));
    all.sort(Comparator.comparingInt(f -> ASTHelpers.getStartPosition(f.at())));
    return ImmutableList.copyOf(all);
  }

  /** The findings about tasks the method submits: racy releases and abandoned hand-offs. */
  private ImmutableList<Finding> taskFindings(
      MethodTree method,
      MethodSymbol methodSymbol,
      DirectCalls calls,
      List<MethodInvocationTree> timedWaits,
      Waits waits,
      Supplier<Optional<TimeoutPaths>> timeoutPaths,
      VisitorState state) {
    TaskBodies bodies = new TaskBodies(state, calls);
    TaskAcquires taskAcquires = new TaskAcquires(pairs, state);
    HelperReleases helperReleases = new HelperReleases(pairs, bodies, state);
    Map<TaskSubmission, ImmutableList<Acquire>> leaking = new LinkedHashMap<>();
    for (TaskSubmission submission : new TaskSubmissions(state, calls, bodies).all()) {
      ImmutableList<Acquire> acquires = taskAcquires.unreleased(submission);
      if (!acquires.isEmpty()) {
        leaking.put(submission, acquires);
      }
    }
    Set<TaskSubmission> startedElsewhere = new HashSet<>();
    if (timedWaits.stream().anyMatch(wait -> waitsOnField(wait, waits))) {
      TreePath classPath = state.getPath().getParentPath();
      if (classPath != null
          && classPath.getLeaf() instanceof ClassTree
          && !methodSymbol.isStatic()) {
        for (ClassTasks.Started started : ClassTasks.instance(state, pairs).of(classPath, state)) {
          if (!started.method().equals(methodSymbol)) {
            leaking.put(started.submission(), started.acquires());
            startedElsewhere.add(started.submission());
          }
        }
      }
    }
    if (leaking.isEmpty() || timeoutPaths.get().isEmpty()) {
      return ImmutableList.of();
    }
    TimeoutPaths paths = timeoutPaths.get().get();
    Map<MethodInvocationTree, TimeoutPaths.Result> afterTimeout = new IdentityHashMap<>();
    Map<MethodInvocationTree, Finding> releases = new LinkedHashMap<>();
    Map<MethodInvocationTree, Finding> handOffs = new LinkedHashMap<>();
    for (Map.Entry<TaskSubmission, ImmutableList<Acquire>> entry : leaking.entrySet()) {
      TaskSubmission submission = entry.getKey();
      Set<Symbol> signalled = symbolsUsedBy(submission);
      boolean taskCleansUp = taskAcquires.cleansUp(submission);
      for (MethodInvocationTree wait : timedWaits) {
        boolean waitsForTask =
            startedElsewhere.contains(submission)
                // Started by another method (start()): only a wait on a field of the object links
                // them.
                ? waitsOnField(wait, waits) && waitsFor(wait, submission, signalled, waits)
                : after(wait, submission) && waitsFor(wait, submission, signalled, waits);
        if (!waitsForTask) {
          continue;
        }
        TimeoutPaths.Result result =
            afterTimeout.computeIfAbsent(wait, w -> paths.after(w, waits.kindOf(w).orElseThrow()));
        List<MethodInvocationTree> reached = new ArrayList<>(result.reached());
        reached.sort(Comparator.comparingInt(ASTHelpers::getStartPosition));
        for (Acquire acquire : entry.getValue()) {
          boolean releasedAfterTimeout = false;
          for (MethodInvocationTree release : reached) {
            boolean direct = pairs.isReleaseOf(acquire, release, state);
            Optional<HelperRelease> through =
                direct ? Optional.empty() : helperReleases.of(release, acquire);
            if ((direct || through.isPresent())
                && !CallersOwnRelease.releasesCallersOwn(
                    release, acquire, methodSymbol, pairs, state)) {
              releasedAfterTimeout = true;
              if (!releases.containsKey(release)) {
                Finding finding =
                    Finding.racyRelease(
                        release,
                        acquire,
                        wait,
                        direct
                            && acquire.kind() == Acquire.Kind.LOCK
                            && isOwnedLock(release, calls, bodies, state),
                        through,
                        state.getPath().getCompilationUnit());
                // The rewrite moves a release call; one made in a helper is left to the reader.
                releases.put(
                    release,
                    through.isPresent()
                        ? finding
                        : finding.withFixes(
                            () ->
                                ReleaseFixes.of(
                                    pathOf(release, calls),
                                    wait,
                                    acquire,
                                    entry.getValue(),
                                    submission,
                                    calls,
                                    pairs,
                                    state)));
              }
            }
          }
          if (!releasedAfterTimeout
              && !startedElsewhere.contains(submission)
              && result.escapes()
              && acquire.published()
              && acquire.kind() != Acquire.Kind.SEMAPHORE
              && acquire.kind() != Acquire.Kind.COUNTER
              && acquire.kind() != Acquire.Kind.LOCK
              && acquire.kind() != Acquire.Kind.CLOSEABLE
              && !taskCleansUp
              && !registersDeferredRelease(method, acquire, state)) {
            handOffs.putIfAbsent(
                wait,
                Finding.abandonedHandOff(wait, acquire, state.getPath().getCompilationUnit()));
          }
        }
      }
    }
    return ImmutableList.<Finding>builder()
        .addAll(releases.values())
        .addAll(handOffs.values())
        .build();
  }

  private static Optional<TreePath> pathOf(MethodInvocationTree call, DirectCalls calls) {
    return calls.calls().stream().filter(path -> path.getLeaf() == call).findFirst();
  }

  /** Whether {@code wait} waits on an instance field of the object ({@code worker.join(ms)}). */
  private static boolean waitsOnField(MethodInvocationTree wait, Waits waits) {
    return waits
        .waitedOn(wait)
        .flatMap(ReferencePaths::soleSymbolOf)
        .filter(ClassTasks::isInstanceField)
        .isPresent();
  }

  /**
   * Whether {@code wait} comes after the submission in the source (or is it, for invokeAll/Any).
   */
  private static boolean after(MethodInvocationTree wait, TaskSubmission submission) {
    return ASTHelpers.getStartPosition(wait) >= ASTHelpers.getStartPosition(submission.start());
  }

  /**
   * Whether {@code wait} waits for this task: on its future or thread, on something the task's code
   * uses (the latch it counts down, the queue it fills, the monitor it notifies), on the executor
   * it runs in, or a plain {@code Thread.sleep} or {@code TimeUnit.sleep}.
   */
  static boolean waitsFor(
      MethodInvocationTree wait, TaskSubmission submission, Set<Symbol> signalled, Waits waits) {
    if (wait == submission.start()) {
      return true;
    }
    Optional<ExpressionTree> on = waits.waitedOn(wait);
    if (on.isEmpty()) {
      MethodSymbol method = ASTHelpers.getSymbol(wait);
      // A sleep, or wait(ms) on this while the task notifies.
      return method != null
          && (method.isStatic() || waits.isTimeUnitSleep(wait) || signalled.contains(null));
    }
    if (on.get() == submission.start()
        || on.get() instanceof MethodInvocationTree chained
            && ASTHelpers.getReceiver(chained) == submission.start()) {
      return true;
    }
    return ReferencePaths.rootOf(on.get())
        .filter(
            root ->
                submission.handles().contains(root)
                    || submission.executor().contains(root)
                    || signalled.contains(root))
        .isPresent();
  }

  /**
   * The symbols the task's code names, so a wait on one of them is a wait for the task; contains
   * {@code null} when the task notifies the implicit {@code this} monitor.
   */
  static Set<Symbol> symbolsUsedBy(TaskSubmission submission) {
    Set<Symbol> used = new HashSet<>();
    for (TaskBody body : submission.bodies()) {
      body.code()
          .accept(
              new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree tree, Void unused) {
                  Symbol sym = ASTHelpers.getSymbol(tree);
                  if (sym != null) {
                    used.add(sym);
                  }
                  return null;
                }

                @Override
                public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
                  Symbol sym = ASTHelpers.getSymbol(tree);
                  if (sym != null) {
                    used.add(sym);
                  }
                  return super.visitMemberSelect(tree, null);
                }

                @Override
                public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                  MethodSymbol method = ASTHelpers.getSymbol(tree);
                  if (method != null
                      && ASTHelpers.getReceiver(tree) == null
                      && (method.getSimpleName().contentEquals("notify")
                          || method.getSimpleName().contentEquals("notifyAll"))) {
                    used.add(null);
                  }
                  return super.visitMethodInvocation(tree, null);
                }
              },
              null);
    }
    return used;
  }

  /**
   * Whether the method hands the release of {@code acquire} to code that runs when the task
   * completes (rewrite (c): {@code whenComplete((r, e) -> pool.release(r))}): a matching release
   * inside a lambda or class in the submitting method.
   */
  private boolean registersDeferredRelease(MethodTree method, Acquire acquire, VisitorState state) {
    boolean[] found = {false};
    method
        .getBody()
        .accept(
            new TreeScanner<Void, Integer>() {
              @Override
              public Void visitLambdaExpression(LambdaExpressionTree tree, Integer depth) {
                return super.visitLambdaExpression(tree, depth + 1);
              }

              @Override
              public Void visitClass(ClassTree tree, Integer depth) {
                return super.visitClass(tree, depth + 1);
              }

              @Override
              public Void visitMethodInvocation(MethodInvocationTree tree, Integer depth) {
                found[0] |= depth > 0 && pairs.isReleaseOf(acquire, tree, state);
                return super.visitMethodInvocation(tree, depth);
              }
            },
            0);
    return found[0];
  }

  /**
   * Whether the lock {@code unlock} is called on is owned by a thread ({@code ReentrantLock} and
   * the read/write locks of {@code ReentrantReadWriteLock}), by its static type or by the {@code
   * new} that initialises it.
   */
  private static boolean isOwnedLock(
      MethodInvocationTree unlock, DirectCalls calls, TaskBodies bodies, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(unlock);
    if (receiver == null) {
      return false;
    }
    Type type = ASTHelpers.getType(receiver);
    if (type != null && AcquireReleasePairs.isOwnedLock(type, state)) {
      return true;
    }
    Symbol sym = ASTHelpers.getSymbol(receiver);
    if (sym == null) {
      return false;
    }
    VariableTree declaration = calls.locals().get(sym);
    if (declaration == null) {
      TreePath path = bodies.pathOf(sym);
      declaration = path != null && path.getLeaf() instanceof VariableTree v ? v : null;
    }
    return declaration != null
        && declaration.getInitializer() != null
        && BareExpression.of(declaration.getInitializer()) instanceof NewClassTree created
        && AcquireReleasePairs.isOwnedLock(ASTHelpers.getType(created), state);
  }
}
