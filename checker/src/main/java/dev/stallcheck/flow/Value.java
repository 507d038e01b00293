package dev.stallcheck.flow;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the code tells about a value: one constant it always is (a literal, an enum constant, a
 * class literal), and the classes of the objects it may be (from the {@code new}s that flow into
 * it), or nothing; for objects built in the compilation, the constants their final fields hold (a
 * frame from {@code Frame.control(..)} whose {@code kind} is {@code Kind.CONTROL}). Bounded: beyond
 * {@link #MAX_CLASSES} classes a value is unknown.
 */
public final class Value {
  private static final int MAX_CLASSES = 8;

  private static final int MAX_ALTERNATIVES = 8;

  public static final Value UNKNOWN = new Value(null, null, true, false, ImmutableMap.of());

  /** The value {@code null} and nothing else: a call on it reaches no method. */
  public static final Value NULL =
      new Value(null, ImmutableSet.of(), true, false, ImmutableMap.of());

  /** The constant the value always is; null if none is known (or the value is {@code null}). */
  @Nullable private final Object constant;

  /** The classes of the objects the value may be; null if unknown. */
  @Nullable private final ImmutableSet<ClassSymbol> classes;

  /**
   * The constants the value may be, one of which it always is: from two to {@link
   * #MAX_ALTERNATIVES}, where code picks between constants ({@code flush ? CONNECT_USE_FLUSH :
   * CONNECT}); null otherwise.
   */
  @Nullable private final ImmutableSet<Object> alternatives;

  /** Whether the value may be {@code null} (meaningful only with known classes). */
  private final boolean nullable;

  /**
   * Whether the value may also be an object of a class that no code of the compilation declares (a
   * proxy a library makes): a call on it reaches no body of the compilation, yet it is not {@code
   * null} (meaningful only with known classes).
   */
  private final boolean elsewhere;

  /** The constant each final field named here holds, in every object the value may be. */
  private final ImmutableMap<VarSymbol, Value> fields;

  /** {@link #hashCode}, once computed; 0 before. */
  private int hash;

  private Value(
      @Nullable Object constant,
      @Nullable ImmutableSet<ClassSymbol> classes,
      boolean nullable,
      boolean elsewhere,
      ImmutableMap<VarSymbol, Value> fields) {
    this(constant, null, classes, nullable, elsewhere, fields);
  }

  private Value(
      @Nullable Object constant,
      @Nullable ImmutableSet<Object> alternatives,
      @Nullable ImmutableSet<ClassSymbol> classes,
      boolean nullable,
      boolean elsewhere,
      ImmutableMap<VarSymbol, Value> fields) {
    this.constant = constant;
    this.alternatives = alternatives;
    this.classes = classes;
    this.nullable = nullable;
    this.elsewhere = elsewhere;
    this.fields = fields;
  }

  /**
   * A constant: a boxed primitive or string, an enum constant's symbol, or a {@link ClassLiteral}.
   */
  public static Value constant(Object constant) {
    return new Value(constant, null, false, false, ImmutableMap.of());
  }

  /** An object of exactly {@code type}, just created. */
  public static Value created(ClassSymbol type) {
    return created(type, ImmutableMap.of());
  }

  /** An object of exactly {@code type}, just created, whose final {@code fields} hold constants. */
  public static Value created(ClassSymbol type, ImmutableMap<VarSymbol, Value> fields) {
    return new Value(null, ImmutableSet.of(type), false, false, fields);
  }

  /** An object of one of {@code types}, never {@code null} (empty: no object at all). */
  public static Value ofClasses(ImmutableSet<ClassSymbol> types) {
    return types.size() > MAX_CLASSES
        ? UNKNOWN
        : new Value(null, types, false, false, ImmutableMap.of());
  }

  /**
   * An object that code outside the compilation makes: of one of the compilation's {@code types}
   * (none: of a class the compilation does not declare), never {@code null}.
   */
  public static Value madeElsewhere(ImmutableSet<ClassSymbol> types) {
    return types.size() > MAX_CLASSES
        ? UNKNOWN
        : new Value(null, types, false, true, ImmutableMap.of());
  }

  /** This value, with {@code fields} as the constants its final fields hold instead. */
  public Value withFields(ImmutableMap<VarSymbol, Value> fields) {
    return fields.equals(this.fields)
        ? this
        : new Value(constant, alternatives, classes, nullable, elsewhere, fields);
  }

  /** The constants the final fields of this object hold, by field. */
  public ImmutableMap<VarSymbol, Value> fields() {
    return fields;
  }

  /**
   * The constant the final {@code field} of this object holds; unknown if the code does not say.
   */
  public Value field(VarSymbol field) {
    return fields.getOrDefault(field, UNKNOWN);
  }

  /**
   * The classes of the compilation the objects this value may be are of (empty: only {@code null},
   * or objects of no class of the compilation); null if unknown.
   */
  @Nullable
  public ImmutableSet<ClassSymbol> classes() {
    return classes;
  }

  /** Whether this is one constant, or only {@code null}: something a guard can compare with. */
  public boolean isConstant() {
    return constant != null || isOnlyNull();
  }

  /** Whether this is one constant, {@code null}, or one of a few constants. */
  public boolean isConstantOrOneOf() {
    return isConstant() || alternatives != null;
  }

  public boolean isKnown() {
    return constant != null || alternatives != null || classes != null;
  }

  /** A value that may be either this or {@code other}. */
  public Value join(Value other) {
    Object joinedConstant = null;
    ImmutableSet<Object> joinedAlternatives = null;
    Set<Object> mine = constants();
    Set<Object> theirs = other.constants();
    if (mine != null && theirs != null) {
      ImmutableSet<Object> union = ImmutableSet.builder().addAll(mine).addAll(theirs).build();
      if (union.size() == 1) {
        joinedConstant = union.iterator().next();
      } else if (union.size() <= MAX_ALTERNATIVES) {
        joinedAlternatives = union;
      }
    }
    ImmutableSet<ClassSymbol> joined = null;
    if (classes != null && other.classes != null) {
      joined = ImmutableSet.<ClassSymbol>builder().addAll(classes).addAll(other.classes).build();
      if (joined.size() > MAX_CLASSES) {
        joined = null;
      }
    }
    ImmutableMap.Builder<VarSymbol, Value> sharedFields = ImmutableMap.builder();
    for (Map.Entry<VarSymbol, Value> entry : fields.entrySet()) {
      Value theirField = other.fields.get(entry.getKey());
      Value field = theirField == null ? UNKNOWN : entry.getValue().join(theirField);
      if (field.constants() != null) {
        sharedFields.put(entry.getKey(), field);
      }
    }
    return new Value(
        joinedConstant,
        joinedAlternatives,
        joined,
        nullable || other.nullable,
        elsewhere || other.elsewhere,
        sharedFields.buildOrThrow());
  }

  /** The constants the value may be, one of which it always is; null if it is not a constant. */
  @Nullable
  private Set<Object> constants() {
    return constant != null ? Set.of(constant) : alternatives;
  }

  /**
   * Whether this value equals {@code other} ({@link #NULL} for {@code null}): {@code TRUE} or
   * {@code FALSE} when the code decides it, null when it does not.
   */
  @Nullable
  public Boolean sameAs(Value other) {
    Set<Object> mine = constants();
    Set<Object> theirs = other.constants();
    if (mine != null && theirs != null) {
      if (mine.size() == 1 && theirs.size() == 1) {
        return mine.equals(theirs);
      }
      return Collections.disjoint(mine, theirs) ? false : null;
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
    return classes != null && classes.isEmpty() && constant == null && !elsewhere;
  }

  private boolean isNeverNull() {
    return constant != null
        || alternatives != null
        || (classes != null && (!classes.isEmpty() || elsewhere) && !nullable);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Value that
        && Objects.equals(constant, that.constant)
        && Objects.equals(alternatives, that.alternatives)
        && Objects.equals(classes, that.classes)
        && nullable == that.nullable
        && elsewhere == that.elsewhere
        && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    // Kept: values are parts of the summaries' keys, and a value's hash walks its fields' values.
    int h = hash;
    if (h == 0) {
      h = Objects.hash(constant, alternatives, classes, nullable, elsewhere, fields);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    if (isOnlyNull()) {
      return "null";
    }
    if (constant != null) {
      return "=" + constant;
    }
    if (alternatives != null) {
      return "in " + alternatives;
    }
    return classes
        + (elsewhere ? "+elsewhere" : "")
        + (fields.isEmpty() ? "" : String.valueOf(fields));
  }

  /** {@code Foo.class} as a constant. */
  public record ClassLiteral(ClassSymbol type) {}
}
