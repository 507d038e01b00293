package dev.stallcheck.flow;

import com.google.common.collect.ImmutableSet;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the code tells about a value: one constant it always is (a literal, an enum constant, a
 * class literal), and the classes of the objects it may be (from the {@code new}s that flow into
 * it), or nothing. Bounded: beyond {@link #MAX_CLASSES} classes a value is unknown.
 */
public final class Value {
  private static final int MAX_CLASSES = 8;

  public static final Value UNKNOWN = new Value(null, null, true);

  /** The value {@code null} and nothing else: a call on it reaches no method. */
  public static final Value NULL = new Value(null, ImmutableSet.of(), true);

  /** The constant the value always is; null if none is known (or the value is {@code null}). */
  @Nullable private final Object constant;

  /** The classes of the objects the value may be; null if unknown. */
  @Nullable private final ImmutableSet<ClassSymbol> classes;

  /** Whether the value may be {@code null} (meaningful only with known classes). */
  private final boolean nullable;

  private Value(
      @Nullable Object constant, @Nullable ImmutableSet<ClassSymbol> classes, boolean nullable) {
    this.constant = constant;
    this.classes = classes;
    this.nullable = nullable;
  }

  /**
   * A constant: a boxed primitive or string, an enum constant's symbol, or a {@link ClassLiteral}.
   */
  public static Value constant(Object constant) {
    return new Value(constant, null, false);
  }

  /** An object of exactly {@code type}, just created. */
  public static Value created(ClassSymbol type) {
    return new Value(null, ImmutableSet.of(type), false);
  }

  /** An object of one of {@code types}, never {@code null} (empty: no object at all). */
  public static Value ofClasses(ImmutableSet<ClassSymbol> types) {
    return types.size() > MAX_CLASSES ? UNKNOWN : new Value(null, types, false);
  }

  /** The classes of the objects this value may be (empty: only {@code null}); null if unknown. */
  @Nullable
  public ImmutableSet<ClassSymbol> classes() {
    return classes;
  }

  public boolean isKnown() {
    return constant != null || classes != null;
  }

  /** A value that may be either this or {@code other}. */
  public Value join(Value other) {
    Object joinedConstant = Objects.equals(constant, other.constant) ? constant : null;
    ImmutableSet<ClassSymbol> joined = null;
    if (classes != null && other.classes != null) {
      joined = ImmutableSet.<ClassSymbol>builder().addAll(classes).addAll(other.classes).build();
      if (joined.size() > MAX_CLASSES) {
        joined = null;
      }
    }
    return new Value(joinedConstant, joined, nullable || other.nullable);
  }

  /**
   * Whether this value equals {@code other} ({@link #NULL} for {@code null}): {@code TRUE} or
   * {@code FALSE} when the code decides it, null when it does not.
   */
  @Nullable
  public Boolean sameAs(Value other) {
    if (constant != null && other.constant != null) {
      return constant.equals(other.constant);
    }
    boolean thisNull = isOnlyNull();
    boolean otherNull = other.isOnlyNull();
    if (thisNull && otherNull) {
      return true;
    }
    if ((thisNull && other.isNeverNull()) || (otherNull && isNeverNull())) {
      return false;
    }
    return null;
  }

  private boolean isOnlyNull() {
    return classes != null && classes.isEmpty() && constant == null;
  }

  private boolean isNeverNull() {
    return constant != null || (classes != null && !classes.isEmpty() && !nullable);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Value that
        && Objects.equals(constant, that.constant)
        && Objects.equals(classes, that.classes)
        && nullable == that.nullable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(constant, classes, nullable);
  }

  @Override
  public String toString() {
    return isOnlyNull() ? "null" : constant != null ? "=" + constant : String.valueOf(classes);
  }

  /** {@code Foo.class} as a constant. */
  public record ClassLiteral(ClassSymbol type) {}
}
