package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * For the helpers of one compilation, the parameter each hands to some operation (the latch it
 * waits on with a timeout, the task it schedules on a timer), found from its body once and
 * memoized; a helper counts only when its body is the one the call runs ({@link HelperTargets}).
 * The search may ask again about helpers the body calls, at any depth: a recursive call finds
 * nothing more.
 */
final class HelperParameters {
  /** Finds the parameter in one helper's body, or returns -1. */
  interface Search {
    int parameterOf(MethodSymbol method, TreePath declaration, VisitorState state);
  }

  /** The compilation: its index and call resolution are built on first need, not with this. */
  private final Context context;

  private final Search search;

  /** By method: the parameter found, or -1; -1 too while being searched (recursion). */
  private final Map<MethodSymbol, Integer> found = new HashMap<>();

  HelperParameters(VisitorState state, Search search) {
    this.context = state.context;
    this.search = search;
  }

  /** The method {@code call} runs, when its body is known; else null. */
  @Nullable MethodSymbol target(MethodInvocationTree call) {
    return HelperTargets.instance(context).target(call);
  }

  /** The argument position of {@code call} that its helper hands on, if any. */
  OptionalInt argumentOf(MethodInvocationTree call, MethodSymbol target, VisitorState state) {
    int parameter = parameterOf(target, state);
    return parameter < 0 || parameter >= call.getArguments().size()
        ? OptionalInt.empty()
        : OptionalInt.of(parameter);
  }

  private int parameterOf(MethodSymbol method, VisitorState state) {
    Integer known = found.get(method);
    if (known != null) {
      return known;
    }
    found.put(method, -1);
    TreePath path = CompilationIndex.instance(context).declaration(method);
    int parameter =
        path != null && path.getLeaf() instanceof MethodTree declared && declared.getBody() != null
            ? search.parameterOf(method, path, state)
            : -1;
    found.put(method, parameter);
    return parameter;
  }
}
