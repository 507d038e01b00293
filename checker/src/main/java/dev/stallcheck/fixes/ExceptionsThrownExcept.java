package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Name;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;

/**
 * The exception types that a try's block and resources can throw to its catch clauses, as javac
 * counts them for the legality of a catch clause, leaving out what some calls throw (their
 * receivers and arguments still count). Used to tell whether a catch is still needed once those
 * calls stop throwing.
 *
 * <p>Exceptions caught by a try inside the region do not escape it; lambda and class bodies throw
 * elsewhere. Where javac's count depends on more than declared types (rethrowing a catch parameter,
 * which javac narrows to what its try throws), the answer is unknown.
 */
final class ExceptionsThrownExcept {
  private static final Supplier<Name> CLOSE = VisitorState.memoize(s -> s.getName("close"));

  private ExceptionsThrownExcept() {}

  /**
   * The types that reach the catch clauses of {@code tryTree} (from its resources, their {@code
   * close()} and its block) without the calls that {@code left} accepts; empty if that cannot be
   * told.
   */
  static Optional<ImmutableSet<Type>> toCatchesOf(
      TryTree tryTree, Predicate<MethodInvocationTree> left, VisitorState state) {
    Scanner scanner = new Scanner(left, state);
    scanner.scanGuarded(tryTree);
    return scanner.unknown ? Optional.empty() : Optional.of(ImmutableSet.copyOf(scanner.thrown));
  }

  private static final class Scanner extends TreeScanner<Void, Void> {
    private final Predicate<MethodInvocationTree> left;
    private final VisitorState state;
    private Set<Type> thrown = new LinkedHashSet<>();
    private boolean unknown;

    Scanner(Predicate<MethodInvocationTree> left, VisitorState state) {
      this.left = left;
      this.state = state;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      if (left.test(call)) {
        if (call.getMethodSelect() instanceof MemberSelectTree select) {
          scan(select.getExpression(), null);
        }
        scan(call.getArguments(), null);
        return null;
      }
      Type methodType = ASTHelpers.getType(call.getMethodSelect());
      if (methodType == null) {
        unknown = true;
      } else {
        addAll(methodType.getThrownTypes());
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitNewClass(NewClassTree newClass, Void unused) {
      MethodSymbol constructor = ASTHelpers.getSymbol(newClass);
      addAll(constructor.getThrownTypes());
      // The anonymous class body throws nothing here: visitClass skips it.
      return super.visitNewClass(newClass, null);
    }

    @Override
    public Void visitThrow(ThrowTree tree, Void unused) {
      ExpressionTree thrownExpression = tree.getExpression();
      Symbol symbol = ASTHelpers.getSymbol(thrownExpression);
      if (thrownExpression instanceof IdentifierTree
          && symbol != null
          && symbol.getKind() == ElementKind.EXCEPTION_PARAMETER) {
        unknown = true;
      } else {
        Type type = ASTHelpers.getType(thrownExpression);
        if (type == null) {
          unknown = true;
        } else {
          thrown.add(state.getTypes().erasure(type));
        }
      }
      return super.visitThrow(tree, null);
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      Set<Type> outer = thrown;
      thrown = new LinkedHashSet<>();
      scanGuarded(tree);
      Set<Type> fromBlock = thrown;
      thrown = new LinkedHashSet<>();
      scan(tree.getCatches(), null);
      Set<Type> fromCatches = thrown;
      thrown = outer;
      // A finally that cannot complete normally (it returns, say) discards what the block and
      // the catches throw.
      if (tree.getFinallyBlock() == null
          || Reachability.canCompleteNormally(tree.getFinallyBlock())) {
        for (Type type : fromBlock) {
          if (!isCaught(type, tree)) {
            thrown.add(type);
          }
        }
        thrown.addAll(fromCatches);
      }
      scan(tree.getFinallyBlock(), null);
      return null;
    }

    /** The parts of a try whose exceptions its catch clauses see. */
    void scanGuarded(TryTree tree) {
      scan(tree.getResources(), null);
      for (Tree resource : tree.getResources()) {
        addCloseExceptions(ASTHelpers.getType(resource));
      }
      scan(tree.getBlock(), null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      // Creating a method reference throws nothing; only its receiver expression runs here.
      return scan(tree.getQualifierExpression(), null);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null;
    }

    private void addCloseExceptions(Type resourceType) {
      MethodSymbol close =
          resourceType == null
              ? null
              : ASTHelpers.resolveExistingMethod(
                  state, resourceType.tsym, CLOSE.get(state), List.<Type>of(), List.<Type>of());
      if (close == null) {
        unknown = true;
      } else {
        addAll(close.getThrownTypes());
      }
    }

    private boolean isCaught(Type type, TryTree tree) {
      for (CatchTree catchTree : tree.getCatches()) {
        Tree caughtType = catchTree.getParameter().getType();
        List<? extends Tree> alternatives =
            caughtType instanceof UnionTypeTree union
                ? union.getTypeAlternatives()
                : List.of(caughtType);
        for (Tree alternative : alternatives) {
          Type caught = ASTHelpers.getType(alternative);
          if (caught != null && state.getTypes().isSubtype(type, caught)) {
            return true;
          }
        }
      }
      return false;
    }

    private void addAll(List<Type> types) {
      for (Type type : types) {
        if (type == null) {
          unknown = true;
        } else {
          thrown.add(state.getTypes().erasure(type));
        }
      }
    }
  }
}
