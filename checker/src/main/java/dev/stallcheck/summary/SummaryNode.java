package dev.stallcheck.summary;

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
    INITIALIZERS
  }

  private final Kind kind;
  @Nullable private final MethodSymbol method;
  private final ClassSymbol type;
  private final CallContext context;

  private SummaryNode(
      Kind kind, @Nullable MethodSymbol method, ClassSymbol type, CallContext context) {
    this.kind = kind;
    this.method = method;
    this.type = type;
    this.context = context;
  }

  /** {@code method}'s body, called in {@code context} (see {@link CallContexts}). */
  static SummaryNode body(MethodSymbol method, CallContext context) {
    return new SummaryNode(Kind.BODY, method, method.enclClass(), context);
  }

  /**
   * A call of {@code method} on a receiver of static class {@code staticType}, in {@code context}.
   */
  static SummaryNode dispatch(MethodSymbol method, ClassSymbol staticType, CallContext context) {
    return new SummaryNode(Kind.DISPATCH, method, staticType, context);
  }

  static SummaryNode initializers(ClassSymbol type) {
    return new SummaryNode(Kind.INITIALIZERS, null, type, CallContext.NONE);
  }

  Kind kind() {
    return kind;
  }

  /** The method, for BODY and DISPATCH. */
  MethodSymbol method() {
    return Objects.requireNonNull(method);
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
        && context.equals(that.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, method, type, context);
  }

  @Override
  public String toString() {
    return kind + ":" + type + (method == null ? "" : "." + method) + context;
  }
}
