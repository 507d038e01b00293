package dev.stallcheck.sends;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * What the code of its top-level class does with a private queue field that may be a pool's free
 * list (see {@link FreeListReturns}): the capacity it is created with, whether its owner fills it
 * while it is set up, and whether everything added to it later is given back.
 *
 * <p>A field that escapes (passed, returned, stored, compared with anything but {@code null}) or is
 * created otherwise than as a bounded queue in its owner's constructors and initializers has no
 * uses record: the code that fills it is out of sight.
 *
 * @param capacities the names of the capacity every creation gives the queue: an {@code int}
 *     constant, a final field read, or the final fields a constructor sets to the constructor
 *     parameter it passes as the capacity (see {@link #capacityOf})
 * @param prefilled whether the owner's constructors or initializers add elements to the queue
 * @param additions every call that adds to the queue elsewhere than while its owner is set up
 */
record FreeListUses(
    ImmutableSet<Object> capacities, boolean prefilled, ImmutableList<TreePath> additions) {
  /** The uses of each queue asked about, empty if it escapes: one scan per queue. */
  private static final Context.Key<Map<VarSymbol, Optional<FreeListUses>>> USES =
      new Context.Key<>();

  /** Bounded queues whose capacity is their constructor's first argument. */
  private static final ImmutableSet<String> BOUNDED_QUEUES =
      ImmutableSet.of(
          "java.util.concurrent.ArrayBlockingQueue",
          "java.util.concurrent.LinkedBlockingQueue",
          "java.util.concurrent.LinkedBlockingDeque");

  /** Every method of the queue interfaces that adds an element. */
  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of(
          "add",
          "addFirst",
          "addLast",
          "addAll",
          "offer",
          "offerFirst",
          "offerLast",
          "push",
          "put",
          "putFirst",
          "putLast",
          "transfer",
          "tryTransfer");

  /**
   * The uses of {@code queue} in the code of its outermost class, or null if it escapes or is
   * created otherwise. Scanned once per compilation, whichever rule asks first.
   */
  static @Nullable FreeListUses of(VarSymbol queue, VisitorState state) {
    return PerCompilation.instance(state.context, USES, HashMap::new)
        .computeIfAbsent(queue, q -> Optional.ofNullable(scan(q, state)))
        .orElse(null);
  }

  private static @Nullable FreeListUses scan(VarSymbol queue, VisitorState state) {
    TreePath topLevel =
        CompilationIndex.instance(state.context).declaration(ASTHelpers.outermostClass(queue));
    if (topLevel == null) {
      return null;
    }
    Scan scan = new Scan(queue);
    scan.scan(topLevel, null);
    return scan.unknown || scan.capacities == null || scan.capacities.isEmpty()
        ? null
        : new FreeListUses(
            ImmutableSet.copyOf(scan.capacities),
            scan.prefilled,
            ImmutableList.copyOf(scan.additions));
  }

  /** Whether every element added after set-up is given back ({@link #isGivenBack}). */
  boolean onlyGiveBacks(ProgramFlow program) {
    for (TreePath addition : additions) {
      MethodInvocationTree call = (MethodInvocationTree) addition.getLeaf();
      if (ASTHelpers.getSymbol(call).getSimpleName().contentEquals("addAll")
          || call.getArguments().isEmpty()
          || !isGivenBack(
              call.getArguments().get(0),
              ASTHelpers.findEnclosingNode(addition, MethodTree.class),
              program)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The names of the capacity {@code bound} stands for in the constructor or initializer at {@code
   * where}: its {@code int} value if constant; a final field read; or, for a parameter of that
   * constructor, every final field the constructor sets to it ({@code this.size = size}), by which
   * code after construction reads the same number. Empty if it names none.
   */
  static ImmutableSet<Object> capacityOf(ExpressionTree bound, @Nullable TreePath where) {
    if (ASTHelpers.constValue(bound) instanceof Integer value) {
      return ImmutableSet.of(value);
    }
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(bound));
    if (!(symbol instanceof VarSymbol variable)) {
      return ImmutableSet.of();
    }
    if (isFinalField(variable)) {
      return ImmutableSet.of(variable);
    }
    MethodTree constructor =
        where == null ? null : ASTHelpers.findEnclosingNode(where, MethodTree.class);
    if (variable.getKind() != ElementKind.PARAMETER
        || constructor == null
        || constructor.getBody() == null
        || !ASTHelpers.getSymbol(constructor).isConstructor()) {
      return ImmutableSet.of();
    }
    ImmutableSet.Builder<Object> fields = ImmutableSet.builder();
    for (StatementTree statement : constructor.getBody().getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof AssignmentTree assignment
          && ASTHelpers.getSymbol(assignment.getVariable()) instanceof VarSymbol field
          && isFinalField(field)
          && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(assignment.getExpression()))
              == variable) {
        fields.add(field);
      }
    }
    return fields.build();
  }

  private static boolean isFinalField(VarSymbol variable) {
    return variable.getKind() == ElementKind.FIELD && (variable.flags() & Flags.FINAL) != 0;
  }

  /**
   * Whether {@code element}, added to the queue in {@code method}, is an item given back: an
   * effectively final parameter of that method.
   */
  static boolean isGivenBack(
      ExpressionTree element, @Nullable MethodTree method, ProgramFlow program) {
    // Not the effectively-final flag: javac sets it only once it has analysed the method's class.
    return method != null
        && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(element)) instanceof VarSymbol parameter
        && method.getParameters().stream().anyMatch(p -> ASTHelpers.getSymbol(p) == parameter)
        && program.isEffectivelyFinalParameter(parameter);
  }

  /** One pass over the top-level class, sorting every use of the field. */
  private static final class Scan extends LazyPathScanner<Void, Void> {
    private final VarSymbol queue;
    private @Nullable Set<Object> capacities;
    private boolean prefilled;
    private final List<TreePath> additions = new ArrayList<>();
    private boolean unknown;

    Scan(VarSymbol queue) {
      this.queue = queue;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) == queue && tree.getInitializer() != null) {
        created(tree.getInitializer(), getCurrentPath());
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) == queue) {
        used(getCurrentPath());
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) == queue) {
        used(getCurrentPath());
      }
      return super.visitMemberSelect(tree, null);
    }

    private void used(TreePath use) {
      Tree leaf = use.getLeaf();
      TreePath parentPath = use.getParentPath();
      Tree parent = parentPath.getLeaf();
      Tree grandparent = parentPath.getParentPath().getLeaf();
      if (parent instanceof AssignmentTree assignment && assignment.getVariable() == leaf) {
        if (assignment.getExpression().getKind() != Tree.Kind.NULL_LITERAL) {
          created(assignment.getExpression(), use);
        }
      } else if (parent instanceof MemberSelectTree select
          && grandparent instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        called(select.getIdentifier().toString(), parentPath.getParentPath());
      } else if (!(parent instanceof EnhancedForLoopTree loop && loop.getExpression() == leaf)
          && !isNullTest(parent)
          && !(parent instanceof ParenthesizedTree && grandparent instanceof SynchronizedTree)) {
        unknown = true;
      }
    }

    /** A creation of the queue: a bounded queue while its owner is set up, nothing else. */
    private void created(ExpressionTree value, TreePath at) {
      if (!isSetUp(at)
          || !(ASTHelpers.stripParentheses(value) instanceof NewClassTree creation)
          || !isBoundedQueue(creation)) {
        unknown = true;
        return;
      }
      ImmutableSet<Object> names = capacityOf(creation.getArguments().get(0), at);
      if (capacities == null) {
        capacities = new HashSet<>(names);
      } else {
        capacities.retainAll(names);
      }
    }

    /** A call of the queue's method {@code name}, at {@code call}. */
    private void called(String name, TreePath call) {
      if (!ADDS.contains(name)) {
        return;
      }
      if (isSetUp(call)) {
        prefilled = true;
        return;
      }
      additions.add(call);
    }

    /**
     * Whether {@code at} runs while the field's owner is set up: in one of its constructors or
     * field initializers or initializer blocks, not in a lambda or class declared there.
     */
    private boolean isSetUp(TreePath at) {
      for (TreePath path = at; path != null; path = path.getParentPath()) {
        Tree node = path.getLeaf();
        if (node instanceof LambdaExpressionTree) {
          return false;
        }
        if (node instanceof MethodTree method) {
          return ASTHelpers.getSymbol(method).isConstructor()
              && ASTHelpers.getSymbol(method).owner == queue.owner;
        }
        if (node instanceof ClassTree type) {
          return ASTHelpers.getSymbol(type) == queue.owner;
        }
      }
      return false;
    }

    private boolean isBoundedQueue(NewClassTree creation) {
      Type type = ASTHelpers.getType(creation);
      int arity = creation.getArguments().size();
      return creation.getClassBody() == null
          && type != null
          && BOUNDED_QUEUES.contains(type.tsym.getQualifiedName().toString())
          && (arity == 1
              || (arity == 2 && isBoolean(ASTHelpers.getType(creation.getArguments().get(1)))));
    }

    private static boolean isBoolean(@Nullable Type type) {
      return type != null && type.getKind() == TypeKind.BOOLEAN;
    }

    private static boolean isNullTest(Tree parent) {
      return parent instanceof BinaryTree test
          && (test.getKind() == Tree.Kind.EQUAL_TO || test.getKind() == Tree.Kind.NOT_EQUAL_TO)
          && (test.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL
              || test.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL);
    }
  }
}
