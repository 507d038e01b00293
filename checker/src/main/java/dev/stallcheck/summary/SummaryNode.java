package dev.stallcheck.summary;

import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One unit the summaries are computed and memoized for. */
final class SummaryNode {
  enum Kind {
    /** One method's own body (or, without a body, its declaration): exact calls land here. */
    BODY,
    /** A virtual call of a method on a receiver of some class: every body it may reach. */
    DISPATCH,
    /** A class's instance field initializers and initializer blocks, which constructors run. */
    INITIALIZERS
  }

  private final Kind kind;
  @Nullable private final MethodSymbol method;
  private final ClassSymbol type;

  private SummaryNode(Kind kind, @Nullable MethodSymbol method, ClassSymbol type) {
    this.kind = kind;
    this.method = method;
    this.type = type;
  }

  static SummaryNode body(MethodSymbol method) {
    return new SummaryNode(Kind.BODY, method, method.enclClass());
  }

  /** A call of {@code method} on a receiver whose static type is {@code receiver}. */
  static SummaryNode dispatch(MethodSymbol method, ClassSymbol receiver) {
    return new SummaryNode(Kind.DISPATCH, method, receiver);
  }

  static SummaryNode initializers(ClassSymbol type) {
    return new SummaryNode(Kind.INITIALIZERS, null, type);
  }

  Kind kind() {
    return kind;
  }

  /** The method, for BODY and DISPATCH. */
  MethodSymbol method() {
    return Objects.requireNonNull(method);
  }

  /** The method's class for BODY, the receiver's class for DISPATCH, the class for INITIALIZERS. */
  ClassSymbol type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SummaryNode)) {
      return false;
    }
    SummaryNode that = (SummaryNode) o;
    return kind == that.kind && Objects.equals(method, that.method) && type.equals(that.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, method, type);
  }

  @Override
  public String toString() {
    return kind + ":" + type + (method == null ? "" : "." + method);
  }
}
