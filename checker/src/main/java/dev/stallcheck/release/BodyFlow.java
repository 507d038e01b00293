package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one body (a method's, or a task lambda's) does that acquire summaries are computed from,
 * gathered in one walk so that solving a summary (again, inside a recursive cycle) never rescans
 * the code: the acquires and helper calls of its own code, the statements along which a value can
 * travel, and, in all its code (nested lambdas and classes included, so a registered clean-up
 * counts), the calls that may release and the try-with-resources.
 *
 * @param parameters the method's parameters, in order (none for a lambda task body)
 * @param acquires the acquires the body's own code makes, in source order
 * @param calls the helper calls with a known body, in source order; {@link Call#own} tells which
 *     run on the body's thread
 * @param flow the body's own declarations, assignments, publishing calls and returns, in order
 * @param releases the calls anywhere in the body that may give something back
 * @param tryResources the resources of every try-with-resources in the body
 * @param cleansUp whether the body contains any clean-up call or try-with-resources
 * @param expressionValue the value of an expression lambda, which the lambda returns
 */
record BodyFlow(
    ImmutableList<VarSymbol> parameters,
    ImmutableList<Acquire> acquires,
    ImmutableList<Call> calls,
    ImmutableList<Tree> flow,
    ImmutableList<MethodInvocationTree> releases,
    ImmutableList<Tree> tryResources,
    boolean cleansUp,
    Optional<ExpressionTree> expressionValue) {

  /** The methods whose arguments an acquired value reaches holders the caller can see through. */
  static final ImmutableSet<String> PUBLISHING_METHODS =
      ImmutableSet.of("set", "lazySet", "complete", "add", "offer", "put", "accept");

  /**
   * A call of a helper with a known body.
   *
   * @param site the invocation or {@code new}
   * @param target the method or constructor it runs
   * @param receiver the receiver's path, when it is neither {@code this} nor implicit
   * @param onThis whether it is called on the same {@code this} as the body (implicit or explicit
   *     {@code this}, not a constructor)
   * @param arguments the arguments, in order
   * @param own whether the call runs on the body's thread (not in a nested lambda or class)
   */
  record Call(
      Tree site,
      MethodSymbol target,
      Optional<AccessPath> receiver,
      boolean onThis,
      ImmutableList<? extends ExpressionTree> arguments,
      boolean own) {

    /** The call {@code tree} of the method {@code target}, as the body making it sees it. */
    static Call of(MethodInvocationTree tree, MethodSymbol target, boolean own) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      ExpressionTree receiver = ASTHelpers.getReceiver(tree);
      boolean onThis =
          !method.isStatic()
              && (receiver == null
                  || receiver instanceof IdentifierTree id && id.getName().contentEquals("this"));
      return new Call(
          tree,
          target,
          onThis || receiver == null || method.isStatic()
              ? Optional.empty()
              : ReferencePaths.of(receiver),
          onThis,
          ImmutableList.copyOf(tree.getArguments()),
          own);
    }
  }

  /** Walks {@code code} of {@code unit} once. */
  static BodyFlow of(
      Tree code,
      CompilationUnitTree unit,
      ImmutableList<VarSymbol> parameters,
      AcquireReleasePairs pairs,
      HelperTargets targets,
      VisitorState state) {
    ImmutableList.Builder<Acquire> acquires = ImmutableList.builder();
    ImmutableList.Builder<Call> calls = ImmutableList.builder();
    ImmutableList.Builder<Tree> flow = ImmutableList.builder();
    ImmutableList.Builder<MethodInvocationTree> releases = ImmutableList.builder();
    ImmutableList.Builder<Tree> tryResources = ImmutableList.builder();
    boolean[] cleansUp = {false};
    new TreeScanner<Void, Void>() {
      private int nesting;

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        nesting++;
        super.visitLambdaExpression(tree, null);
        nesting--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        nesting++;
        super.visitClass(tree, null);
        nesting--;
        return null;
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        super.visitVariable(tree, null);
        if (nesting == 0) {
          flow.add(tree);
        }
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        super.visitAssignment(tree, null);
        if (nesting == 0) {
          flow.add(tree);
        }
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        super.visitReturn(tree, null);
        if (nesting == 0 && tree.getExpression() != null) {
          flow.add(tree);
        }
        return null;
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        tryResources.addAll(tree.getResources());
        cleansUp[0] |= !tree.getResources().isEmpty();
        return super.visitTry(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        super.visitMethodInvocation(tree, null);
        MethodSymbol method = ASTHelpers.getSymbol(tree);
        if (method == null) {
          return null;
        }
        cleansUp[0] |= AcquireReleasePairs.looksLikeCleanup(tree);
        if (pairs.mayRelease(method, state)) {
          releases.add(tree);
        }
        ExpressionTree receiver = ASTHelpers.getReceiver(tree);
        if (nesting == 0
            && receiver != null
            && PUBLISHING_METHODS.contains(method.getSimpleName().toString())) {
          flow.add(tree);
        }
        MethodSymbol target = targets.target(tree);
        Optional<Acquire> acquire = pairs.acquireAt(tree, unit, state);
        if (acquire.isPresent()) {
          if (nesting == 0) {
            acquires.add(acquire.get());
          }
          // A helper of this compilation returning an AutoCloseable is followed too: an acquire it
          // returns says better how the value is given back (AcquireSummaries keeps that one).
          if (acquire.get().kind() != Acquire.Kind.CLOSEABLE || target == null) {
            return null;
          }
        }
        if (target != null) {
          calls.add(Call.of(tree, target, nesting == 0));
        }
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        super.visitNewClass(tree, null);
        Optional<Acquire> acquire = pairs.acquireAt(tree, unit, state);
        if (acquire.isPresent()) {
          if (nesting == 0) {
            acquires.add(acquire.get());
          }
          return null;
        }
        MethodSymbol target = targets.target(tree);
        if (target != null) {
          calls.add(
              new Call(
                  tree,
                  target,
                  Optional.empty(),
                  false,
                  ImmutableList.copyOf(tree.getArguments()),
                  nesting == 0));
        }
        return null;
      }
    }.scan(code, null);
    return new BodyFlow(
        parameters,
        acquires.build(),
        calls.build(),
        flow.build(),
        releases.build(),
        tryResources.build(),
        cleansUp[0],
        // () -> pool.borrow(): an expression lambda returns its value.
        code instanceof ExpressionTree expressionBody
            ? Optional.of(expressionBody)
            : Optional.empty());
  }

  /** The symbol {@code tree} names, if it is a plain identifier. */
  static @Nullable Symbol identifierSymbol(ExpressionTree tree) {
    return BareExpression.of(tree) instanceof IdentifierTree id ? ASTHelpers.getSymbol(id) : null;
  }
}
