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
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What the code puts into the collections and maps its fields hold, and where it reads one of their
 * elements: so that a listener kept in a list ({@code listeners.add(m -> queue.put(m))}) is known
 * where the list's elements are called ({@code for (Consumer<String> l : listeners) l.accept(m)}),
 * and a handler kept in a map ({@code handlers.put("chat", m -> queue.put(m))}) where the map's
 * values are ({@code handlers.get(topic).accept(m)}). The elements of a field are the arguments of
 * every {@code add}-like call on it in the compilation (the value of a map's {@code put}), followed
 * to where their values come from as far as the compilation shows them ({@link
 * ValueFlow#visibleOriginsOf}: a public {@code subscribe(listener)} adds what the compilation's own
 * calls pass it). The adding calls are found in one pass over the compilation's calls, on first
 * use; where their values come from, only for the fields whose elements are asked about (few: most
 * collections and maps hold no callbacks).
 */
public final class CollectionElements {
  private static final Context.Key<CollectionElements> KEY = new Context.Key<>();

  /** The calls that put their last argument into a collection. */
  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of(
          "add", "addFirst", "addLast", "addIfAbsent", "offer", "offerFirst", "offerLast", "push");

  /** The calls that put their last argument into a map, as the value of a key. */
  private static final ImmutableSet<String> MAP_ADDS = ImmutableSet.of("put", "putIfAbsent");

  /** The calls that read an element of a collection, or a value of a map. */
  private static final ImmutableSet<String> READS =
      ImmutableSet.of(
          "get", "getOrDefault", "getFirst", "getLast", "peek", "peekFirst", "peekLast", "element");

  private static final Supplier<Type> COLLECTION =
      VisitorState.memoize(state -> state.getTypeFromString("java.util.Collection"));

  private static final Supplier<Type> MAP =
      VisitorState.memoize(state -> state.getTypeFromString("java.util.Map"));

  /** By field, the elements the compilation's calls add to its collection or map. */
  private final Map<VarSymbol, List<TreePath>> additions = new HashMap<>();

  /** By field asked about, where the values added to it come from. */
  private final Map<VarSymbol, List<TreePath>> added = new HashMap<>();

  private final ValueFlow values;

  private CollectionElements(VisitorState state) {
    values = ValueFlow.instance(state.context);
    CompilationScan.instance(state.context)
        .callsByCallee()
        .forEach(
            (callee, calls) -> {
              if (callee.isStatic() || callee.getParameters().isEmpty() || !adds(callee, state)) {
                return;
              }
              for (CompilationScan.Call call : calls) {
                if (call.path().getLeaf() instanceof MethodInvocationTree add
                    && !add.getArguments().isEmpty()
                    && fieldOf(ASTHelpers.getReceiver(add)) instanceof VarSymbol field) {
                  ExpressionTree element = add.getArguments().get(add.getArguments().size() - 1);
                  additions
                      .computeIfAbsent(field, unused -> new ArrayList<>())
                      .add(new TreePath(call.path(), element));
                }
              }
            });
  }

  private static boolean adds(MethodSymbol callee, VisitorState state) {
    String name = callee.getSimpleName().toString();
    return (ADDS.contains(name) && isSubtype(callee, COLLECTION.get(state), state))
        || (MAP_ADDS.contains(name) && isSubtype(callee, MAP.get(state), state));
  }

  private static boolean isSubtype(MethodSymbol member, @Nullable Type type, VisitorState state) {
    return type != null && ASTHelpers.isSubtype(member.owner.type, type, state);
  }

  /** The elements of the compilation {@code state} belongs to. */
  public static CollectionElements instance(VisitorState state) {
    return PerCompilation.instance(state.context, KEY, () -> new CollectionElements(state));
  }

  /** Where the values added to the collection in {@code field} come from, as far as they show. */
  public List<TreePath> addedTo(VarSymbol field) {
    return added.computeIfAbsent(field, this::originsOfAdditions);
  }

  private List<TreePath> originsOfAdditions(VarSymbol field) {
    List<TreePath> origins = new ArrayList<>();
    for (TreePath element : additions.getOrDefault(field, List.of())) {
      origins.addAll(values.visibleOriginsOf(element));
    }
    return origins;
  }

  /**
   * The field whose collection {@code e}, written at {@code at}, reads an element of: the variable
   * of a for-each loop over it, the parameter of a lambda given to its {@code forEach}, or its
   * {@code get(i)}, {@code peek()}...; for a map, its values read the same ways (through {@code
   * values()}, or the second parameter of its {@code forEach}) and its {@code get(key)}; null if
   * none.
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
      if (leaf instanceof LambdaExpressionTree lambda) {
        int declared = parameterIndex(lambda, local);
        if (declared < 0) {
          continue;
        }
        // A collection's forEach gives its element; a map's, the key and then the value.
        int element = lambda.getParameters().size() - 1;
        return declared == element
                && p.getParentPath().getLeaf() instanceof MethodInvocationTree forEach
                && ASTHelpers.getSymbol(forEach) instanceof MethodSymbol method
                && method.getSimpleName().contentEquals("forEach")
                && element <= 1
            ? fieldOf(ASTHelpers.getReceiver(forEach))
            : null;
      }
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static int parameterIndex(LambdaExpressionTree lambda, Symbol local) {
    List<? extends VariableTree> parameters = lambda.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (local.equals(ASTHelpers.getSymbol(parameters.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The field {@code e} names ({@code listeners}, {@code this.listeners}), also through a map's
   * {@code values()}; null otherwise.
   */
  private static @Nullable VarSymbol fieldOf(@Nullable ExpressionTree e) {
    if (e == null) {
      return null;
    }
    ExpressionTree bare = ASTHelpers.stripParentheses(e);
    if (bare instanceof MethodInvocationTree values
        && values.getArguments().isEmpty()
        && ASTHelpers.getSymbol(values) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("values")) {
      bare = ASTHelpers.getReceiver(values);
      if (bare == null) {
        return null;
      }
      bare = ASTHelpers.stripParentheses(bare);
    }
    return (bare instanceof IdentifierTree || bare instanceof MemberSelectTree)
            && ASTHelpers.getSymbol(bare) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
        ? field
        : null;
  }
}
