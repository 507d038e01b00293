package dev.stallcheck.summary;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One unit the summaries are computed and memoized for. */
final class SummaryNode {
  enum Kind {
    /** One method's own body (or, without a body, its declaration) in one calling context. */
    BODY,
    /**
     * A virtual call of a method on a receiver of some static class, in one calling context: every
     * body it reaches, shared by all calls of that shape.
     */
    DISPATCH,
    /** A class's instance field initializers and initializer blocks, which constructors run. */
    INITIALIZERS,
    /**
     * A lambda or method reference, run by a call of its interface's method: its code in no calling
     * context (what its parameters hold is not followed).
     */
    FUNCTIONAL
  }

  private final Kind kind;
  @Nullable private final MethodSymbol method;
  private final ClassSymbol type;
  private final CallContext context;

  /** The lambda or method reference, for FUNCTIONAL. */
  @Nullable private final TreePath code;

  /** {@link #hashCode}, once computed; 0 before. */
  private int hash;

  private SummaryNode(
      Kind kind,
      @Nullable MethodSymbol method,
      ClassSymbol type,
      CallContext context,
      @Nullable TreePath code) {
    this.kind = kind;
    this.method = method;
    this.type = type;
    this.context = context;
    this.code = code;
  }

  /** {@code method}'s body, called in {@code context} (see {@link CallContexts}). */
  static SummaryNode body(MethodSymbol method, CallContext context) {
    return new SummaryNode(Kind.BODY, method, method.enclClass(), context, null);
  }

  /**
   * A call of {@code method} on a receiver of static class {@code staticType}, in {@code context}.
   */
  static SummaryNode dispatch(MethodSymbol method, ClassSymbol staticType, CallContext context) {
    return new SummaryNode(Kind.DISPATCH, method, staticType, context, null);
  }

  static SummaryNode initializers(ClassSymbol type) {
    return new SummaryNode(Kind.INITIALIZERS, null, type, CallContext.NONE, null);
  }

  /** The lambda or method reference at {@code code}, written in class {@code type}. */
  static SummaryNode functional(TreePath code, ClassSymbol type) {
    return new SummaryNode(Kind.FUNCTIONAL, null, type, CallContext.NONE, code);
  }

  Kind kind() {
    return kind;
  }

  /** The method, for BODY and DISPATCH. */
  MethodSymbol method() {
    return Objects.requireNonNull(method);
  }

  /** The lambda or method reference, for FUNCTIONAL. */
  TreePath code() {
    return Objects.requireNonNull(code);
  }

  /** The method's class for BODY, the receiver's static class for DISPATCH, else the class. */
  ClassSymbol type() {
    return type;
  }

  CallContext context() {
    return context;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SummaryNode that
        && kind == that.kind
        && Objects.equals(method, that.method)
        && type.equals(that.type)
        && context.equals(that.context)
        && leaf() == that.leaf();
  }

  @Override
  public int hashCode() {
    // Kept: nodes are the keys of the summaries, and a context's hash walks all of its values.
    int h = hash;
    if (h == 0) {
      h = Objects.hash(kind, method, type, context, System.identityHashCode(leaf()));
      hash = h;
    }
    return h;
  }

  private @Nullable Tree leaf() {
    return code == null ? null : code.getLeaf();
  }

  @Override
  public String toString() {
    return kind + ":" + type + (method == null ? "" : "." + method) + context;
  }
}
