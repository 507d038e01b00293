package dev.stallcheck.paths;

import com.google.common.collect.ImmutableList;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An object named the way one method's code reaches it: a root ({@code this}, a parameter, a local,
 * a static field, a class, or an expression that is no path) followed by members (field reads and
 * zero-argument accessor calls). Two equal paths denote the same object within one activation of
 * the method, as far as the code shows. Paths written in a callee are moved into a caller's frame
 * with {@link #seenFrom}, so analyses across calls can compare a callee's object with the ones its
 * caller names.
 *
 * <p>The three analyses that name objects use this one type: held locks ({@code locks/}), the
 * monitors a wait gives back ({@code summary/}), and the pools, locks and holders an acquire and a
 * release meet on ({@code release/}). They read expressions with different care (see {@link
 * FramePaths} and {@link ReferencePaths}); the paths they build compare the same way.
 */
public final class AccessPath {
  /** What a path starts from. */
  public enum Root {
    /**
     * The current instance. {@link #rootSymbol()} is its class where that matters (locks compare
     * {@code Outer.this} with {@code this}), or null for the instance of the method the path is
     * written in, whatever its class.
     */
    THIS,
    /** A parameter of the method the path is written in, at {@link #parameterIndex()}. */
    PARAMETER,
    /** Any other variable: a local, a lambda parameter, a resource, a pattern binding. */
    LOCAL,
    /** A static field ({@link #rootSymbol()}): the same object in every frame. */
    STATIC_FIELD,
    /** A class: {@code Foo.class}, or the owner of a static accessor ({@code Foo.get()}). */
    CLASS,
    /** An expression that is no path, identified by its source text. */
    UNKNOWN
  }

  private final Root root;
  private final @Nullable Symbol rootSymbol;
  private final int parameterIndex;
  private final @Nullable String unknownText;
  private final ImmutableList<Symbol> members;

  /** {@link #hashCode}, once computed; 0 before. */
  private int hash;

  private AccessPath(
      Root root,
      @Nullable Symbol rootSymbol,
      int parameterIndex,
      @Nullable String unknownText,
      ImmutableList<Symbol> members) {
    this.root = root;
    this.rootSymbol = rootSymbol;
    this.parameterIndex = parameterIndex;
    this.unknownText = unknownText;
    this.members = members;
  }

  /** {@code this} of the method the path is written in, whatever its class. */
  public static AccessPath self() {
    return new AccessPath(Root.THIS, null, -1, null, ImmutableList.of());
  }

  /** {@code this} of {@code clazz} ({@code Outer.this} from an inner class). */
  public static AccessPath thisOf(ClassSymbol clazz) {
    return new AccessPath(Root.THIS, clazz, -1, null, ImmutableList.of());
  }

  /** Parameter {@code index} of the method the path is written in. */
  public static AccessPath parameter(VarSymbol parameter, int index) {
    return new AccessPath(Root.PARAMETER, parameter, index, null, ImmutableList.of());
  }

  /** A variable that is no parameter of its method (a local, a lambda's parameter, ...). */
  public static AccessPath local(VarSymbol variable) {
    return new AccessPath(Root.LOCAL, variable, -1, null, ImmutableList.of());
  }

  /**
   * A variable that is no field: a {@link #parameter} where it is one of its method's parameters,
   * else a {@link #local}.
   */
  public static AccessPath variable(VarSymbol variable) {
    if (variable.owner instanceof MethodSymbol method) {
      int index = method.getParameters().indexOf(variable);
      if (index >= 0) {
        return parameter(variable, index);
      }
    }
    return local(variable);
  }

  /** A static field. */
  public static AccessPath staticField(VarSymbol field) {
    return new AccessPath(Root.STATIC_FIELD, field, -1, null, ImmutableList.of());
  }

  /** A class: {@code Foo.class}, or what a static member is selected from. */
  public static AccessPath classOf(ClassSymbol clazz) {
    return new AccessPath(Root.CLASS, clazz, -1, null, ImmutableList.of());
  }

  /** An expression that is no path, identified by its whitespace-normalized source. */
  public static AccessPath unknown(String sourceText) {
    return new AccessPath(Root.UNKNOWN, null, -1, sourceText, ImmutableList.of());
  }

  /**
   * This path followed by {@code member}, a field or an accessor without arguments. An unknown path
   * absorbs the member into its text.
   */
  public AccessPath dot(Symbol member) {
    if (root == Root.UNKNOWN) {
      return unknown(unknownText + "." + member.getSimpleName());
    }
    return new AccessPath(
        root,
        rootSymbol,
        parameterIndex,
        null,
        ImmutableList.<Symbol>builder().addAll(members).add(member).build());
  }

  /** This path followed by all of {@code more}, in order. */
  private AccessPath dotAll(List<Symbol> more) {
    if (more.isEmpty()) {
      return this;
    }
    if (root == Root.UNKNOWN) {
      AccessPath result = this;
      for (Symbol member : more) {
        result = result.dot(member);
      }
      return result;
    }
    // One list for all the members: a member at a time copies the list once per member.
    return new AccessPath(
        root,
        rootSymbol,
        parameterIndex,
        null,
        ImmutableList.<Symbol>builderWithExpectedSize(members.size() + more.size())
            .addAll(members)
            .addAll(more)
            .build());
  }

  /** This path with its last member dropped; null when it has none. */
  public @Nullable AccessPath parent() {
    if (members.isEmpty()) {
      return null;
    }
    return new AccessPath(
        root, rootSymbol, parameterIndex, unknownText, members.subList(0, members.size() - 1));
  }

  public Root root() {
    return root;
  }

  /**
   * The class of a THIS (null: the frame's own) or CLASS root, the variable of a PARAMETER, LOCAL
   * or STATIC_FIELD root; null for UNKNOWN.
   */
  public @Nullable Symbol rootSymbol() {
    return rootSymbol;
  }

  /** The parameter's position for a PARAMETER root, otherwise -1. */
  public int parameterIndex() {
    return parameterIndex;
  }

  /** The fields and accessors after the root, outermost first. */
  public ImmutableList<Symbol> members() {
    return members;
  }

  /** The last member, null when the path is its root alone. */
  public @Nullable Symbol lastMember() {
    return members.isEmpty() ? null : members.get(members.size() - 1);
  }

  /**
   * The symbols the path names, in order, without {@code this}: {@code this.pool} and {@code
   * holder.pool} name [pool] and [holder, pool]; {@code Foo.get()} names [Foo, get]. Empty for
   * {@code this} alone and for an unknown path.
   */
  public ImmutableList<Symbol> symbols() {
    return switch (root) {
      case THIS -> members;
      case UNKNOWN -> ImmutableList.of();
      default -> ImmutableList.<Symbol>builder().add(rootSymbol).addAll(members).build();
    };
  }

  /**
   * Whether this path is {@code prefix} or reaches further from it ({@code holder[0].x} from {@code
   * holder}).
   */
  public boolean startsWith(AccessPath prefix) {
    return root == prefix.root
        && Objects.equals(rootSymbol, prefix.rootSymbol)
        && parameterIndex == prefix.parameterIndex
        && Objects.equals(unknownText, prefix.unknownText)
        && members.size() >= prefix.members.size()
        && members.subList(0, prefix.members.size()).equals(prefix.members);
  }

  /**
   * This path with its {@code this} root replaced by {@code receiver} (the same object named
   * another way, such as a caller's receiver); paths with another root are returned unchanged.
   */
  public AccessPath rebase(AccessPath receiver) {
    return root == Root.THIS ? receiver.dotAll(members) : this;
  }

  /**
   * This path, written in a callee, as a caller names the same object: {@code this} becomes {@code
   * receiver} and parameter i becomes {@code arguments.get(i)} (the caller's paths; null where the
   * caller cannot name them); static fields and classes are the same in every frame. Null where the
   * caller cannot name the object: the callee's locals, unknown expressions, an unnamed receiver or
   * argument.
   */
  public @Nullable AccessPath seenFrom(
      @Nullable AccessPath receiver, List<? extends @Nullable AccessPath> arguments) {
    AccessPath base;
    switch (root) {
      case THIS -> base = receiver;
      case PARAMETER ->
          base = parameterIndex < arguments.size() ? arguments.get(parameterIndex) : null;
      case STATIC_FIELD, CLASS -> {
        return this;
      }
      default -> {
        return null;
      }
    }
    return base == null ? null : base.dotAll(members);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AccessPath that
        && root == that.root
        && Objects.equals(rootSymbol, that.rootSymbol)
        && parameterIndex == that.parameterIndex
        && Objects.equals(unknownText, that.unknownText)
        && members.equals(that.members);
  }

  @Override
  public int hashCode() {
    // Kept: paths are keys of the lock stores, hashed at every join of the dataflow.
    int h = hash;
    if (h == 0) {
      h = Objects.hash(root, rootSymbol, parameterIndex, unknownText, members);
      hash = h;
    }
    return h;
  }

  /**
   * A readable form for debugging and tests: {@code this(Gateway).membersLock}, {@code
   * this.rw.readLock()}, {@code Gateway.class.LOCK}, {@code <locks()[0]>}.
   */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(
            switch (root) {
              case THIS -> rootSymbol == null ? "this" : "this(" + rootSymbol.getSimpleName() + ")";
              case PARAMETER, LOCAL -> rootSymbol.getSimpleName().toString();
              case STATIC_FIELD ->
                  rootSymbol.enclClass().getSimpleName() + ".class." + rootSymbol.getSimpleName();
              case CLASS -> rootSymbol.getSimpleName() + ".class";
              case UNKNOWN -> "<" + unknownText + ">";
            });
    for (Symbol member : members) {
      text.append('.').append(member.getSimpleName());
      if (member instanceof MethodSymbol) {
        text.append("()");
      }
    }
    return text.toString();
  }
}
