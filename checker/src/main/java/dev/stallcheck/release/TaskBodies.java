package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.paths.BareExpression;
import java.util.Optional;

/**
 * Traces a task expression ({@code Runnable}, {@code Callable}, {@code Supplier}) to the code it
 * runs, within the code being compiled: lambdas, method references to methods with a body,
 * anonymous and named classes with a {@code run}/{@code call}/{@code get} body, and effectively
 * final local variables initialised with one of those. Anything else (a parameter, a field, an
 * abstract method) has no known code, so it can never produce a finding.
 */
final class TaskBodies {
  /** How many variable-to-initialiser and collection-to-element steps are followed. */
  private static final int MAX_DEPTH = 3;

  private final VisitorState state;
  private final DirectCalls submitter;

  TaskBodies(VisitorState state, DirectCalls submitter) {
    this.state = state;
    this.submitter = submitter;
  }

  /** The code {@code task} runs; empty when it cannot be known. */
  ImmutableList<TaskBody> of(ExpressionTree task) {
    ImmutableList.Builder<TaskBody> out = ImmutableList.builder();
    resolve(task, 0, out);
    return out.build();
  }

  /**
   * The code of every task in {@code tasks}, a collection given to {@code invokeAll}/{@code
   * invokeAny}: {@code List.of(a, b)}, {@code Arrays.asList(...)}, {@code
   * Collections.singletonList(...)}, or a local variable initialised with one; and the tasks the
   * method adds to that local ({@code tasks.add(() -> ...)}).
   */
  ImmutableList<TaskBody> ofCollection(ExpressionTree tasks) {
    ImmutableList.Builder<TaskBody> out = ImmutableList.builder();
    ExpressionTree t = BareExpression.of(tasks);
    if (ASTHelpers.getSymbol(t) instanceof VarSymbol local
        && submitter.locals().containsKey(local)) {
      for (TreePath path : submitter.calls()) {
        if (path.getLeaf() instanceof MethodInvocationTree add
            && ASTHelpers.getSymbol(add) instanceof MethodSymbol method
            && method.getSimpleName().contentEquals("add")
            && add.getArguments().size() == 1
            && ASTHelpers.getReceiver(add) instanceof ExpressionTree receiver
            && ASTHelpers.getSymbol(BareExpression.of(receiver)) == local) {
          resolve(add.getArguments().get(0), 1, out);
        }
      }
    }
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (t instanceof MethodInvocationTree call && isCollectionFactory(call)) {
        call.getArguments().forEach(element -> resolve(element, 1, out));
        break;
      }
      ExpressionTree init = initializerOf(t);
      if (init == null) {
        break;
      }
      t = BareExpression.of(init);
    }
    return out.build();
  }

  private static boolean isCollectionFactory(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || !method.isStatic()) {
      return false;
    }
    String owner = method.owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    return (owner.equals("java.util.List") || owner.equals("java.util.Set")) && name.equals("of")
        || owner.equals("java.util.Arrays") && name.equals("asList")
        || owner.equals("java.util.Collections") && name.equals("singletonList")
        || owner.equals("com.google.common.collect.ImmutableList") && name.equals("of");
  }

  private void resolve(ExpressionTree task, int depth, ImmutableList.Builder<TaskBody> out) {
    if (depth > MAX_DEPTH) {
      return;
    }
    ExpressionTree t = BareExpression.of(task);
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (t instanceof LambdaExpressionTree lambda) {
      out.add(new TaskBody(lambda.getBody(), unit, Optional.empty()));
    } else if (t instanceof MemberReferenceTree reference) {
      if (ASTHelpers.getSymbol(reference) instanceof MethodSymbol method) {
        TreePath path = pathOf(method);
        if (path != null
            && path.getLeaf() instanceof MethodTree declared
            && declared.getBody() != null) {
          out.add(new TaskBody(declared.getBody(), path.getCompilationUnit(), Optional.of(method)));
        }
        // The reference itself may be an acquire (submit(pool::borrow)), whether or not the pool's
        // code is compiled here: its result is the future's; TaskAcquires decides.
        out.add(new TaskBody(reference, unit, Optional.empty()));
      }
    } else if (t instanceof NewClassTree newClass) {
      if (newClass.getClassBody() != null) {
        runMethodOf(newClass.getClassBody(), unit, out);
      } else if (ASTHelpers.getSymbol(newClass) instanceof MethodSymbol constructor
          && constructor.owner instanceof ClassSymbol cls) {
        TreePath path = pathOf(cls);
        if (path != null && path.getLeaf() instanceof ClassTree declared) {
          runMethodOf(declared, path.getCompilationUnit(), out);
        }
      }
    } else {
      ExpressionTree init = initializerOf(t);
      if (init != null) {
        resolve(init, depth + 1, out);
      }
    }
  }

  /** The body of {@code cls}'s own {@code run()}, {@code call()} or {@code get()}. */
  private static void runMethodOf(
      ClassTree cls, CompilationUnitTree unit, ImmutableList.Builder<TaskBody> out) {
    for (Tree member : cls.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && method.getBody() != null
          && (method.getName().contentEquals("run")
              || method.getName().contentEquals("call")
              || method.getName().contentEquals("get"))) {
        out.add(
            new TaskBody(
                method.getBody(), unit, Optional.ofNullable(ASTHelpers.getSymbol(method))));
      }
    }
  }

  /**
   * The initialiser of {@code t} if it names an effectively final local variable of the submitting
   * method, or the value the method last assigns to it if it names a field; otherwise null.
   */
  ExpressionTree initializerOf(ExpressionTree t) {
    if (!(t instanceof IdentifierTree id)) {
      return null;
    }
    Symbol sym = ASTHelpers.getSymbol(id);
    if (sym != null && sym.getKind().isField()) {
      // worker = new Thread(..); worker.start(); in one method (start()).
      return submitter.fieldValues().get(sym);
    }
    if (!(sym instanceof VarSymbol variable)
        || !ProgramFlow.instance(state.context).isEffectivelyFinal(variable)) {
      return null;
    }
    VariableTree declaration = submitter.locals().get(sym);
    return declaration == null ? null : declaration.getInitializer();
  }

  /** Where {@code sym} is declared in the code being compiled, or null. */
  TreePath pathOf(Symbol sym) {
    return JavacTrees.instance(state.context).getPath(sym);
  }
}
