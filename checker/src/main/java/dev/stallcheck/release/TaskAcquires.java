package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The acquires a task makes that the task itself does not give back: found directly in the task's
 * code or one level down in a non-overridable helper method with a body in this compilation, with
 * where the task publishes each acquired value. Acquires the task releases itself (rewrite (a), or
 * the registered clean-up of fix (b)) are dropped: nothing the caller does can leak them.
 */
final class TaskAcquires {
  private static final ImmutableSet<String> PUBLISHING_METHODS =
      ImmutableSet.of("set", "lazySet", "complete", "add", "offer", "put", "accept");

  private final AcquireReleasePairs pairs;
  private final VisitorState state;
  private final TaskBodies bodies;

  TaskAcquires(AcquireReleasePairs pairs, VisitorState state, TaskBodies bodies) {
    this.pairs = pairs;
    this.state = state;
    this.bodies = bodies;
  }

  /** What the task of {@code submission} acquires and leaves to others to release. */
  ImmutableList<Acquire> unreleased(TaskSubmission submission) {
    ImmutableList.Builder<Acquire> out = ImmutableList.builder();
    for (TaskBody body : submission.bodies()) {
      if (body.code() instanceof MemberReferenceTree reference) {
        // submit(pool::borrow): the task is the acquire, and its value is the future's result.
        pairs.acquireAt(reference, body.unit(), state)
            .ifPresent(a -> out.add(a.withPublication(ImmutableSet.of(), true)));
        continue;
      }
      for (Acquire acquire : acquiresIn(body)) {
        Publication publication = publication(body.code(), acquire.call());
        Acquire published = acquire.withPublication(publication.sinks(), publication.returned());
        if (!releasedWithin(body.code(), published, publication.carriers())) {
          out.add(published);
        }
      }
    }
    return out.build();
  }

  /** Whether any code of the task (nested lambdas included) looks like it cleans something up. */
  static boolean cleansUp(TaskSubmission submission) {
    boolean[] found = {false};
    for (TaskBody body : submission.bodies()) {
      body.code().accept(new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
          found[0] |= AcquireReleasePairs.looksLikeCleanup(tree);
          return super.visitMethodInvocation(tree, null);
        }

        @Override
        public Void visitTry(TryTree tree, Void unused) {
          found[0] |= !tree.getResources().isEmpty();
          return super.visitTry(tree, null);
        }
      }, null);
    }
    return found[0];
  }

  /**
   * The acquires in {@code body}'s own code (not in lambdas or classes it declares, which may run
   * elsewhere), and those one call down in helpers; a helper's acquire is attributed to the call
   * of the helper when the helper returns what it acquired.
   */
  private List<Acquire> acquiresIn(TaskBody body) {
    List<Acquire> found = new ArrayList<>();
    new OwnCodeScanner() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        var acquire = pairs.acquireAt(tree, body.unit(), state);
        if (acquire.isPresent()) {
          found.add(acquire.get());
        } else {
          helperAcquires(tree, body.unit()).forEach(found::add);
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        pairs.acquireAt(tree, body.unit(), state).ifPresent(found::add);
        return super.visitNewClass(tree, null);
      }
    }.scan(body.code(), null);
    return found;
  }

  /**
   * The acquires inside {@code call}'s target, when it is a private, static or final method with
   * a body in this compilation (so the body seen is the body that runs). One level only.
   */
  private List<Acquire> helperAcquires(MethodInvocationTree call, CompilationUnitTree unit) {
    List<Acquire> found = new ArrayList<>();
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || (method.flags() & (Flags.PRIVATE | Flags.STATIC | Flags.FINAL)) == 0
            && (method.owner.flags() & Flags.FINAL) == 0) {
      return found;
    }
    TreePath path = bodies.pathOf(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree helper) || helper.getBody() == null) {
      return found;
    }
    CompilationUnitTree helperUnit = path.getCompilationUnit();
    new OwnCodeScanner() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        pairs.acquireAt(tree, helperUnit, state).ifPresent(a -> found.add(attribute(a, helper, call, unit)));
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        pairs.acquireAt(tree, helperUnit, state).ifPresent(a -> found.add(attribute(a, helper, call, unit)));
        return super.visitNewClass(tree, null);
      }
    }.scan(helper.getBody(), null);
    // A helper that releases what it acquires is balanced on its own.
    found.removeIf(a -> releasedWithin(helper.getBody(), a, publication(helper.getBody(), a.call()).carriers()));
    return found;
  }

  /**
   * A helper's acquire whose value the helper returns is followed through the call site instead:
   * the publication to look at is what the task does with the helper's result.
   */
  private static Acquire attribute(Acquire acquire, MethodTree helper, MethodInvocationTree call, CompilationUnitTree unit) {
    boolean[] returned = {false};
    new OwnCodeScanner() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returned[0] |= tree.getExpression() != null && ReferenceChain.strip(tree.getExpression()) == acquire.call();
        return super.visitReturn(tree, null);
      }
    }.scan(helper.getBody(), null);
    if (!returned[0]) {
      return acquire;
    }
    return new Acquire(call, unit, acquire.kind(), acquire.receiver(), acquire.implicitReceiverOwner(),
        acquire.pair(), acquire.sinks(), acquire.returned(), acquire.resourceType());
  }

  /**
   * Where the value of {@code acquireCall} goes in {@code code}: local variables carrying it,
   * holders/fields it is stored in, and whether the task returns it.
   */
  private static Publication publication(Tree code, Tree acquireCall) {
    Set<Symbol> carriers = new HashSet<>();
    Set<Symbol> declaredInside = new HashSet<>();
    ImmutableSet.Builder<ReferenceChain> sinks = ImmutableSet.builder();
    boolean[] returned = {false};
    new OwnCodeScanner() {
      private boolean carries(ExpressionTree expression) {
        ExpressionTree e = ReferenceChain.strip(expression);
        return e == acquireCall
            || e instanceof IdentifierTree id && carriers.contains(ASTHelpers.getSymbol(id));
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol sym = ASTHelpers.getSymbol(tree);
        declaredInside.add(sym);
        super.visitVariable(tree, null);
        if (tree.getInitializer() != null && carries(tree.getInitializer())) {
          carriers.add(sym);
        }
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        super.visitAssignment(tree, null);
        if (carries(tree.getExpression())) {
          Symbol target = ASTHelpers.getSymbol(tree.getVariable());
          if (tree.getVariable() instanceof IdentifierTree && declaredInside.contains(target)) {
            carriers.add(target);
          } else {
            ReferenceChain.of(tree.getVariable()).ifPresent(sinks::add);
          }
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        super.visitMethodInvocation(tree, null);
        MethodSymbol method = ASTHelpers.getSymbol(tree);
        ExpressionTree receiver = ASTHelpers.getReceiver(tree);
        if (method != null && receiver != null
            && PUBLISHING_METHODS.contains(method.getSimpleName().toString())
            && tree.getArguments().stream().anyMatch(this::carries)) {
          ReferenceChain.of(receiver).ifPresent(sinks::add);
        }
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        super.visitReturn(tree, null);
        returned[0] |= tree.getExpression() != null && carries(tree.getExpression());
        return null;
      }
    }.scan(code, null);
    if (code instanceof ExpressionTree expressionBody && ReferenceChain.strip(expressionBody) == acquireCall) {
      returned[0] = true; // () -> pool.borrow(): an expression lambda returns its value.
    }
    return new Publication(ImmutableSet.copyOf(carriers), sinks.build(), returned[0]);
  }

  /**
   * Whether the task's code (nested lambdas and classes included, so a registered clean-up
   * counts) releases {@code acquire}: a matching release call, a release/close of a local
   * carrying the value, or a try-with-resources around it.
   */
  private boolean releasedWithin(Tree code, Acquire acquire, ImmutableSet<Symbol> carriers) {
    boolean[] released = {false};
    code.accept(new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        released[0] |= pairs.isReleaseOf(acquire, tree, state) || closesCarrier(tree, carriers);
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        for (Tree resource : tree.getResources()) {
          released[0] |= resource instanceof VariableTree v
              && (v.getInitializer() != null && ReferenceChain.strip(v.getInitializer()) == acquire.call()
                  || carriers.contains(ASTHelpers.getSymbol(v)))
              || resource instanceof IdentifierTree id && carriers.contains(ASTHelpers.getSymbol(id));
        }
        return super.visitTry(tree, null);
      }
    }, null);
    return released[0];
  }

  private static boolean closesCarrier(MethodInvocationTree call, ImmutableSet<Symbol> carriers) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || !AcquireReleasePairs.isReleaseName(method.getSimpleName().toString())) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null && ReferenceChain.strip(receiver) instanceof IdentifierTree id
        && carriers.contains(ASTHelpers.getSymbol(id))) {
      return true;
    }
    // pool.release(r) / pool.giveBack(r) with a local carrying the value.
    return call.getArguments().stream()
        .anyMatch(arg -> ReferenceChain.strip(arg) instanceof IdentifierTree id
            && carriers.contains(ASTHelpers.getSymbol(id)));
  }

  /** Where an acquired value goes inside the task. */
  private record Publication(ImmutableSet<Symbol> carriers, ImmutableSet<ReferenceChain> sinks, boolean returned) {}

  /**
   * Scans a body's {@link OwnCode}. Start it with {@code scan(code, null)}, so that the check
   * applies to {@code code} itself too.
   */
  private static class OwnCodeScanner extends TreeScanner<Void, Void> {
    @Override
    public Void scan(Tree tree, Void unused) {
      return OwnCode.runsElsewhere(tree) ? null : super.scan(tree, null);
    }
  }
}
