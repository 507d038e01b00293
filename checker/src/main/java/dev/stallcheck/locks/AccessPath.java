package dev.stallcheck.locks;

import com.google.common.collect.ImmutableList;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The object a lock lives in, named the way the source reaches it: a root ({@code this} of some
 * class, a local variable or parameter, a class for static fields and {@code Foo.class}) followed
 * by a chain of fields. Two expressions with equal access paths denote the same object within one
 * method activation (locals are compared by symbol, fields by symbol).
 *
 * <p>Expressions that are not access paths (a call result, an array element) get an opaque root
 * keyed by their source text: the same text locks and unlocks the same lock, which is what such
 * code means in practice.
 *
 * <p>{@link #rebase} replaces a {@code this} root by a caller's receiver, so an interprocedural
 * analysis can compare a callee's lock with the locks its caller holds.
 */
public final class AccessPath {
  /** What the path starts from. */
  public enum Root {
    /** The current instance of {@link #rootSymbol()} (a class symbol). */
    THIS,
    /** A local variable or parameter ({@link #rootSymbol()} is the variable). */
    LOCAL,
    /** A class: its static fields follow, or with no fields it is {@code Foo.class} itself. */
    CLASS,
    /** An expression that is not an access path; {@link #opaqueText()} identifies it. */
    OPAQUE
  }

  private final Root root;
  private final @Nullable Symbol rootSymbol;
  private final @Nullable String opaqueText;
  private final ImmutableList<VarSymbol> fields;

  private AccessPath(
      Root root,
      @Nullable Symbol rootSymbol,
      @Nullable String opaqueText,
      ImmutableList<VarSymbol> fields) {
    this.root = root;
    this.rootSymbol = rootSymbol;
    this.opaqueText = opaqueText;
    this.fields = fields;
  }

  /** {@code this} of {@code clazz}. */
  public static AccessPath thisOf(ClassSymbol clazz) {
    return new AccessPath(Root.THIS, clazz, null, ImmutableList.of());
  }

  /** A local variable or parameter. */
  public static AccessPath local(VarSymbol variable) {
    return new AccessPath(Root.LOCAL, variable, null, ImmutableList.of());
  }

  /** A class: {@code Foo.class}, or the root of static field chains. */
  public static AccessPath classOf(ClassSymbol clazz) {
    return new AccessPath(Root.CLASS, clazz, null, ImmutableList.of());
  }

  /** An expression that is no access path, identified by its whitespace-normalized source. */
  public static AccessPath opaque(String sourceText) {
    return new AccessPath(Root.OPAQUE, null, sourceText, ImmutableList.of());
  }

  /** This path followed by {@code field}. Opaque paths absorb the field into their text. */
  public AccessPath dot(VarSymbol field) {
    if (root == Root.OPAQUE) {
      return opaque(opaqueText + "." + field.getSimpleName());
    }
    return new AccessPath(
        root,
        rootSymbol,
        null,
        ImmutableList.<VarSymbol>builder().addAll(fields).add(field).build());
  }

  public Root root() {
    return root;
  }

  /** The class of a THIS or CLASS root, the variable of a LOCAL root, null for OPAQUE. */
  public @Nullable Symbol rootSymbol() {
    return rootSymbol;
  }

  /** The identifying text of an OPAQUE path, null otherwise. */
  public @Nullable String opaqueText() {
    return opaqueText;
  }

  /** The field chain after the root, outermost first. */
  public ImmutableList<VarSymbol> fields() {
    return fields;
  }

  /** True if the path starts at {@code this}. */
  public boolean isThisRooted() {
    return root == Root.THIS;
  }

  /**
   * This path seen from a caller: the {@code this} root replaced by {@code receiver}, the path of
   * the call's receiver in the caller. Paths not rooted at {@code this} are returned unchanged.
   */
  public AccessPath rebase(AccessPath receiver) {
    if (root != Root.THIS) {
      return this;
    }
    AccessPath result = receiver;
    for (VarSymbol field : fields) {
      result = result.dot(field);
    }
    return result;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AccessPath that
        && root == that.root
        && Objects.equals(rootSymbol, that.rootSymbol)
        && Objects.equals(opaqueText, that.opaqueText)
        && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, rootSymbol, opaqueText, fields);
  }

  /** A readable form for debugging and tests, e.g. {@code this(Gateway).membersLock}. */
  @Override
  public String toString() {
    String start =
        switch (root) {
          case THIS -> "this(" + rootSymbol.getSimpleName() + ")";
          case LOCAL -> String.valueOf(rootSymbol.getSimpleName());
          case CLASS -> rootSymbol.getSimpleName() + ".class";
          case OPAQUE -> "<" + opaqueText + ">";
        };
    return fields.isEmpty()
        ? start
        : start + fields.stream().map(f -> "." + f.getSimpleName()).collect(Collectors.joining());
  }
}
