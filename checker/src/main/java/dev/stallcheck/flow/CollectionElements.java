package dev.stallcheck.flow;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationScan;
import dev.stallcheck.graph.PerCompilation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What the code puts into the collections its fields hold, and where it reads one of their
 * elements: so that a listener kept in a list ({@code listeners.add(m -> queue.put(m))}) is known
 * where the list's elements are called ({@code for (Consumer<String> l : listeners) l.accept(m)}).
 * The elements of a field are the arguments of every {@code add}-like call on it in the
 * compilation, followed to where their values come from ({@link ValueFlow}); found in one pass over
 * the compilation's calls, on first use.
 */
public final class CollectionElements {
  private static final Context.Key<CollectionElements> KEY = new Context.Key<>();

  /** The calls that put their last argument into a collection. */
  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of(
          "add", "addFirst", "addLast", "addIfAbsent", "offer", "offerFirst", "offerLast", "push");

  /** The calls that read an element of a collection. */
  private static final ImmutableSet<String> READS =
      ImmutableSet.of("get", "getFirst", "getLast", "peek", "peekFirst", "peekLast", "element");

  private static final Supplier<Type> COLLECTION =
      VisitorState.memoize(state -> state.getTypeFromString("java.util.Collection"));

  /** By field, where the values added to its collection come from. */
  private final Map<VarSymbol, List<TreePath>> added = new HashMap<>();

  private CollectionElements(VisitorState state) {
    ValueFlow values = ValueFlow.instance(state.context);
    Type collection = COLLECTION.get(state);
    CompilationScan.instance(state.context)
        .callsByCallee()
        .forEach(
            (callee, calls) -> {
              if (!ADDS.contains(callee.getSimpleName().toString())
                  || callee.isStatic()
                  || callee.getParameters().isEmpty()
                  || collection == null
                  || !ASTHelpers.isSubtype(callee.owner.type, collection, state)) {
                return;
              }
              for (CompilationScan.Call call : calls) {
                if (call.path().getLeaf() instanceof MethodInvocationTree add
                    && !add.getArguments().isEmpty()
                    && fieldOf(ASTHelpers.getReceiver(add)) instanceof VarSymbol field) {
                  ExpressionTree element = add.getArguments().get(add.getArguments().size() - 1);
                  Optional<? extends List<TreePath>> origins =
                      values.originsOf(new TreePath(call.path(), element));
                  origins.ifPresent(
                      o -> added.computeIfAbsent(field, unused -> new ArrayList<>()).addAll(o));
                }
              }
            });
  }

  /** The elements of the compilation {@code state} belongs to. */
  public static CollectionElements instance(VisitorState state) {
    return PerCompilation.instance(state.context, KEY, () -> new CollectionElements(state));
  }

  /** Where the values added to the collection in {@code field} come from, as far as they show. */
  public List<TreePath> addedTo(VarSymbol field) {
    return added.getOrDefault(field, List.of());
  }

  /**
   * The field whose collection {@code e}, written at {@code at}, reads an element of: the variable
   * of a for-each loop over it, the parameter of a lambda given to its {@code forEach}, or its
   * {@code get(i)}, {@code peek()}...; null if none.
   */
  public static @Nullable VarSymbol elementOf(ExpressionTree e, TreePath at) {
    ExpressionTree read = ASTHelpers.stripParentheses(e);
    if (read instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && READS.contains(method.getSimpleName().toString())) {
      return fieldOf(ASTHelpers.getReceiver(call));
    }
    if (!(read instanceof IdentifierTree)
        || !(ASTHelpers.getSymbol(read) instanceof VarSymbol local)) {
      return null;
    }
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof EnhancedForLoopTree loop
          && local.equals(ASTHelpers.getSymbol(loop.getVariable()))) {
        return fieldOf(loop.getExpression());
      }
      if (leaf instanceof LambdaExpressionTree lambda && declares(lambda, local)) {
        return p.getParentPath().getLeaf() instanceof MethodInvocationTree forEach
                && ASTHelpers.getSymbol(forEach) instanceof MethodSymbol method
                && method.getSimpleName().contentEquals("forEach")
            ? fieldOf(ASTHelpers.getReceiver(forEach))
            : null;
      }
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static boolean declares(LambdaExpressionTree lambda, Symbol local) {
    for (VariableTree parameter : lambda.getParameters()) {
      if (local.equals(ASTHelpers.getSymbol(parameter))) {
        return true;
      }
    }
    return false;
  }

  /** The field {@code e} names ({@code listeners}, {@code this.listeners}); null otherwise. */
  private static @Nullable VarSymbol fieldOf(@Nullable ExpressionTree e) {
    if (e == null) {
      return null;
    }
    ExpressionTree bare = ASTHelpers.stripParentheses(e);
    return (bare instanceof IdentifierTree || bare instanceof MemberSelectTree)
            && ASTHelpers.getSymbol(bare) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
        ? field
        : null;
  }
}
