package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.ReferencePaths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The vocabulary of acquires and the releases that match them: the built-in kinds ({@code
 * Semaphore}, {@code Lock}, acquire-named methods, opened OS resources) plus the {@code Pairs}
 * option. Immutable; built once per checker from its options.
 */
public final class AcquireReleasePairs {
  private static final ImmutableList<String> ACQUIRE_PREFIXES =
      ImmutableList.of(
          "acquire",
          "tryAcquire",
          "borrow",
          "checkout",
          "checkOut",
          "lease",
          "reserve",
          "open",
          "allocate",
          "take");

  /**
   * Types whose methods hand out what they hold or compute, not something they lend: an element
   * taken from a queue ({@code BlockingQueue.take}), a value read from a reference, a stream stage.
   * An {@code AutoCloseable} they return is not acquired from them.
   */
  private static final ImmutableList<String> CONTAINERS =
      ImmutableList.of(
          "java.util.Collection",
          "java.util.Map",
          "java.util.Iterator",
          "java.util.Optional",
          "java.util.concurrent.atomic.AtomicReference",
          "java.util.concurrent.Future",
          "java.util.concurrent.CompletionStage",
          "java.lang.ThreadLocal",
          "java.lang.ref.Reference",
          "java.util.function.Supplier",
          "java.util.stream.BaseStream");

  /** The atomic counters whose increments take a counted slot and whose decrements give it back. */
  private static final ImmutableList<String> COUNTERS =
      ImmutableList.of(
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.AtomicLong",
          "java.util.concurrent.atomic.LongAdder");

  private static final ImmutableSet<String> COUNTER_TAKES =
      ImmutableSet.of("incrementAndGet", "getAndIncrement", "increment");

  private static final ImmutableSet<String> COUNTER_GIVE_BACKS =
      ImmutableSet.of("decrementAndGet", "getAndDecrement", "decrement");

  /** Types whose instances hold an operating-system or server resource until closed. */
  private static final ImmutableList<String> OPENED_TYPES =
      ImmutableList.of(
          "java.net.Socket",
          "java.net.ServerSocket",
          "java.net.DatagramSocket",
          "java.nio.channels.Channel",
          "java.sql.Connection",
          "java.io.FileInputStream",
          "java.io.FileOutputStream",
          "java.io.RandomAccessFile",
          "java.util.zip.ZipFile");

  /**
   * Per compilation: by class, by type name, whether the class is a subtype ({@link #isSubtype}).
   */
  private static final Supplier<Map<TypeSymbol, Map<String, Boolean>>> SUBTYPES =
      VisitorState.memoize(state -> new HashMap<>());

  /**
   * Per compilation: the type of each class name {@link #isSubtype} is asked about, looked up by
   * name once rather than at every class it is tested against.
   */
  private static final Supplier<Map<String, Type>> TYPES =
      VisitorState.memoize(state -> new HashMap<>());

  private final ImmutableList<ConfiguredPair> configured;

  /**
   * Per compilation: each method's acquire kind ({@link #kindOf}), asked at every call the check
   * looks at and answered from the method's symbol alone.
   */
  private final Supplier<Map<MethodSymbol, Optional<Acquire.Kind>>> kinds =
      VisitorState.memoize(state -> new HashMap<>());

  private AcquireReleasePairs(ImmutableList<ConfiguredPair> configured) {
    this.configured = configured;
  }

  /** The built-in vocabulary plus {@code configured}, the {@code Pairs} option. */
  public static AcquireReleasePairs withConfigured(ImmutableList<ConfiguredPair> configured) {
    return new AcquireReleasePairs(configured);
  }

  /**
   * The acquire {@code tree} makes, if it is one: a call, a constructor of an opened resource, or a
   * method reference to an acquire method ({@code submit(pool::borrow)}). Publication is filled in
   * later by {@link TaskAcquires}.
   */
  Optional<Acquire> acquireAt(Tree tree, CompilationUnitTree unit, VisitorState state) {
    if (tree instanceof NewClassTree newClass) {
      Type type = ASTHelpers.getType(newClass);
      if (type != null && isOpenedType(type, state)) {
        return Optional.of(
            new Acquire(
                tree,
                unit,
                Acquire.Kind.OPENED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ImmutableSet.of(),
                false,
                type.tsym.getSimpleName().toString(),
                ImmutableList.of()));
      }
      return Optional.empty();
    }
    MethodSymbol method;
    ExpressionTree receiver;
    if (tree instanceof MethodInvocationTree call) {
      method = ASTHelpers.getSymbol(call);
      receiver = ASTHelpers.getReceiver(call);
    } else if (tree instanceof MemberReferenceTree reference
        && ASTHelpers.getSymbol(reference) instanceof MethodSymbol referenced
        && reference.getMode() == MemberReferenceTree.ReferenceMode.INVOKE) {
      method = referenced;
      receiver = reference.getQualifierExpression();
      if (ASTHelpers.getSymbol(receiver) instanceof Symbol.ClassSymbol && !method.isStatic()) {
        return Optional.empty(); // Pool::acquire takes its receiver as an argument: unknown pool.
      }
    } else {
      return Optional.empty();
    }
    if (method == null) {
      return Optional.empty();
    }
    Optional<Acquire.Kind> kind = kindOf(method, state);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Optional<ConfiguredPair> pair =
        configured.stream()
            .filter(p -> declaredBy(method, p.acquireOwner(), p.acquireMethod(), state))
            .findFirst();
    Acquire.Kind actual = pair.isPresent() ? Acquire.Kind.CONFIGURED : kind.get();
    Type returned = method.getReturnType();
    return Optional.of(
        new Acquire(
            tree,
            unit,
            actual,
            receiver == null || method.isStatic() ? Optional.empty() : ReferencePaths.of(receiver),
            receiver == null && !method.isStatic()
                ? Optional.of(method.owner.getQualifiedName().toString())
                : Optional.empty(),
            pair,
            ImmutableSet.of(),
            false,
            returned.isPrimitiveOrVoid()
                ? method.owner.getSimpleName().toString()
                : returned.tsym.getSimpleName().toString(),
            ImmutableList.of()));
  }

  private Optional<Acquire.Kind> kindOf(MethodSymbol method, VisitorState state) {
    return kinds.get(state).computeIfAbsent(method, m -> computeKindOf(m, state));
  }

  private Optional<Acquire.Kind> computeKindOf(MethodSymbol method, VisitorState state) {
    String name = method.getSimpleName().toString();
    if (configured.stream()
        .anyMatch(p -> declaredBy(method, p.acquireOwner(), p.acquireMethod(), state))) {
      return Optional.of(Acquire.Kind.CONFIGURED);
    }
    Type returned = method.getReturnType();
    boolean named = hasPrefix(name, ACQUIRE_PREFIXES);
    boolean semaphoreNamed = name.startsWith("acquire") || name.startsWith("tryAcquire");
    boolean lockNamed =
        name.equals("lock") || name.equals("lockInterruptibly") || name.equals("tryLock");
    // Every opened type is an AutoCloseable: a method that returns none can only be an acquire by
    // its name. Most methods of a compilation are settled here, before the owner's subtype tests.
    boolean closeable =
        !returned.isPrimitiveOrVoid() && isSubtype(returned, "java.lang.AutoCloseable", state);
    boolean counterNamed = COUNTER_TAKES.contains(name);
    if (!closeable && !named && !semaphoreNamed && !lockNamed && !counterNamed) {
      return Optional.empty();
    }
    if (counterNamed) {
      return isCounter(method, state) ? Optional.of(Acquire.Kind.COUNTER) : Optional.empty();
    }
    if (semaphoreNamed && isOwnedBy(method, "java.util.concurrent.Semaphore", state)) {
      return Optional.of(Acquire.Kind.SEMAPHORE);
    }
    if (lockNamed && isOwnedBy(method, "java.util.concurrent.locks.Lock", state)) {
      return Optional.of(Acquire.Kind.LOCK);
    }
    if (isOwnedBy(method, "java.util.concurrent.Semaphore", state)
        || isOwnedBy(method, "java.util.concurrent.locks.Lock", state)) {
      return Optional.empty();
    }
    if (closeable && isOpenedType(returned, state)) {
      return Optional.of(Acquire.Kind.OPENED);
    }
    // The container test below, which walks the owner's supertypes, can only turn an
    // acquire-named method or a returned resource into none.
    if (!named && !closeable || isContainerMethod(method, state)) {
      return Optional.empty();
    }
    if (named && returnsResource(method, state)) {
      return Optional.of(Acquire.Kind.NAMED);
    }
    return closeable ? Optional.of(Acquire.Kind.CLOSEABLE) : Optional.empty();
  }

  /** Whether {@code method} belongs to a {@link #CONTAINERS container} type. */
  private static boolean isContainerMethod(MethodSymbol method, VisitorState state) {
    return CONTAINERS.stream()
        .anyMatch(container -> isSubtype(method.owner.type, container, state));
  }

  /**
   * Whether an acquire-named method hands out something that must be given back: it returns an
   * {@code AutoCloseable}, or its class (or a supertype) also has a release-named method, as a
   * permit-style pool does. {@code openConnection()}-style factories of plain objects are not
   * acquires.
   */
  private static boolean returnsResource(MethodSymbol method, VisitorState state) {
    Type returned = method.getReturnType();
    if (!returned.isPrimitiveOrVoid() && isSubtype(returned, "java.lang.AutoCloseable", state)) {
      return true;
    }
    for (Type type : state.getTypes().closure(method.owner.type)) {
      for (Symbol member : ASTHelpers.getEnclosedElements(type.tsym)) {
        if (member instanceof MethodSymbol m
            && !m.getSimpleName().contentEquals("close")
            && isReleaseName(m.getSimpleName().toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code call}, made by the submitting thread (or by the task itself), gives back what
   * {@code acquire} took: the matching method on the same pool/semaphore/lock, or a release/close
   * of the holder the task published the resource through.
   */
  boolean isReleaseOf(Acquire acquire, MethodInvocationTree call, VisitorState state) {
    Optional<ReleaseCall> release = ReleaseCall.of(call);
    if (release.isEmpty()) {
      return false;
    }
    if (isReleaseOf(acquire, release.get(), state)) {
      return true;
    }
    // On a local copy of the holder (`Socket s = socket; if (s != null) s.close();`): the copy,
    // read after the wait, holds what the holder did then.
    return copiedHolder(ASTHelpers.getReceiver(call), state)
        .map(holder -> new ReleaseCall(release.get().method(), Optional.of(holder), false))
        .filter(copy -> isReleaseOf(acquire, copy, state))
        .isPresent();
  }

  /** The path of what the local {@code receiver} names was copied from, once and for all. */
  private static Optional<AccessPath> copiedHolder(
      @Nullable ExpressionTree receiver, VisitorState state) {
    if (!(receiver instanceof IdentifierTree)
        || !(ASTHelpers.getSymbol(receiver) instanceof VarSymbol local)) {
      return Optional.empty();
    }
    ExpressionTree value = ProgramFlow.instance(state.context).onlyValueOf(local);
    return value == null ? Optional.empty() : ReferencePaths.of(value);
  }

  /**
   * {@link #isReleaseOf(Acquire, MethodInvocationTree, VisitorState)} for a call seen from a frame.
   * {@link ReleasesByReceiver} looks up the releases that can match by the cases below (receiver,
   * implicit {@code this}, holder, static pair): a new way of matching needs a lookup there too.
   */
  boolean isReleaseOf(Acquire acquire, ReleaseCall call, VisitorState state) {
    MethodSymbol method = call.method();
    String name = method.getSimpleName().toString();
    Optional<AccessPath> receiver = call.receiver();
    boolean sameReceiver = sameReceiver(acquire, call);
    switch (acquire.kind()) {
      case SEMAPHORE -> {
        return sameReceiver
            && name.startsWith("release")
            && isOwnedBy(method, "java.util.concurrent.Semaphore", state);
      }
      case LOCK -> {
        return sameReceiver
            && name.equals("unlock")
            && isOwnedBy(method, "java.util.concurrent.locks.Lock", state);
      }
      case COUNTER -> {
        return sameReceiver && COUNTER_GIVE_BACKS.contains(name) && isCounter(method, state);
      }
      case CONFIGURED -> {
        ConfiguredPair pair = acquire.pair().orElseThrow();
        // A static acquire has no pool to compare: any call of the pair's release gives back.
        return (sameReceiver || acquire.isStaticAcquire())
                && declaredBy(method, pair.releaseOwner(), pair.releaseMethod(), state)
            || releasesHolder(acquire, receiver, name);
      }
      case NAMED -> {
        return sameReceiver && isReleaseName(name) || releasesHolder(acquire, receiver, name);
      }
      case OPENED -> {
        return releasesHolder(acquire, receiver, name);
      }
      case CLOSEABLE -> {
        return name.equals("close") && releasesHolder(acquire, receiver, name);
      }
    }
    return false;
  }

  /**
   * Whether a call of {@code method} may give something back, so that summaries keep it: a
   * release-named method or the releasing half of a configured pair.
   */
  boolean mayRelease(MethodSymbol method, VisitorState state) {
    return isReleaseName(method.getSimpleName().toString())
        || COUNTER_GIVE_BACKS.contains(method.getSimpleName().toString())
            && isCounter(method, state)
        || configured.stream()
            .anyMatch(p -> declaredBy(method, p.releaseOwner(), p.releaseMethod(), state));
  }

  /** A release or close called on the holder the task published the resource through. */
  private static boolean releasesHolder(
      Acquire acquire, Optional<AccessPath> receiver, String name) {
    return isReleaseName(name)
        && receiver.isPresent()
        && acquire.sinks().stream().anyMatch(sink -> receiver.get().startsWith(sink));
  }

  private static boolean sameReceiver(Acquire acquire, ReleaseCall call) {
    if (acquire.receiver().isPresent()) {
      return call.receiver().isPresent() && call.receiver().get().equals(acquire.receiver().get());
    }
    return acquire.implicitReceiverOwner().isPresent()
        && call.onImplicitThis()
        && acquire
            .implicitReceiverOwner()
            .get()
            .equals(call.method().owner.getQualifiedName().toString());
  }

  /**
   * Whether {@code call} looks like any clean-up at all; used to give the task the benefit of the
   * doubt in the abandoned hand-off shape (it may close a late resource itself).
   */
  static boolean looksLikeCleanup(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && (isReleaseName(method.getSimpleName().toString())
            || hasPrefix(
                method.getSimpleName().toString(),
                ImmutableList.of("dispose", "destroy", "free", "disconnect")));
  }

  /**
   * Whether {@code lockType} (the static type of a lock released by another thread) is
   * re-entrant-owned.
   */
  static boolean isOwnedLock(Type lockType, VisitorState state) {
    return isSubtype(lockType, "java.util.concurrent.locks.ReentrantLock", state)
        || isSubtype(lockType, "java.util.concurrent.locks.ReentrantReadWriteLock.ReadLock", state)
        || isSubtype(
            lockType, "java.util.concurrent.locks.ReentrantReadWriteLock.WriteLock", state);
  }

  static boolean isReleaseName(String name) {
    return name.startsWith("release")
        || name.startsWith("return") && name.length() > "return".length()
        || name.equals("giveBack")
        || name.equals("checkin")
        || name.equals("checkIn")
        || name.equals("unlease")
        || name.equals("free")
        || name.startsWith("deallocate")
        || name.equals("unlock")
        || name.equals("close");
  }

  private static boolean hasPrefix(String name, ImmutableList<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)
          && (name.length() == prefix.length()
              || !Character.isLowerCase(name.charAt(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code type} is one of the {@link #OPENED_TYPES}. Each of them is an {@code
   * AutoCloseable}: one subtype test settles most types (asked for every type a called method
   * returns).
   */
  private static boolean isOpenedType(Type type, VisitorState state) {
    return isSubtype(type, "java.lang.AutoCloseable", state)
        && OPENED_TYPES.stream().anyMatch(name -> isSubtype(type, name, state));
  }

  private static boolean declaredBy(
      MethodSymbol method, String owner, String name, VisitorState state) {
    return method.getSimpleName().contentEquals(name) && isOwnedBy(method, owner, state);
  }

  /** Whether {@code method} is a member of one of the {@link #COUNTERS}. */
  private static boolean isCounter(MethodSymbol method, VisitorState state) {
    return !method.isStatic() && COUNTERS.stream().anyMatch(c -> isOwnedBy(method, c, state));
  }

  /** Whether {@code method} is a member of {@code owner} (declared there or in a subtype of it). */
  private static boolean isOwnedBy(MethodSymbol method, String owner, VisitorState state) {
    return isSubtype(method.owner.type, owner, state);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AcquireReleasePairs other && configured.equals(other.configured);
  }

  @Override
  public int hashCode() {
    return configured.hashCode();
  }

  /**
   * Whether (the erasure of) {@code type} is a subtype of the class named {@code name}. Asked with
   * the same few owners at every call of the compilation, and the test walks the supertypes: a
   * class type's answer depends on its class alone, so it is kept per compilation.
   */
  static boolean isSubtype(@Nullable Type type, String name, VisitorState state) {
    if (type == null || !type.hasTag(TypeTag.CLASS)) {
      return ASTHelpers.isSubtype(type, typeNamed(name, state), state);
    }
    return SUBTYPES
        .get(state)
        .computeIfAbsent(type.tsym, unused -> new HashMap<>())
        .computeIfAbsent(name, unused -> ASTHelpers.isSubtype(type, typeNamed(name, state), state));
  }

  private static @Nullable Type typeNamed(String name, VisitorState state) {
    return TYPES.get(state).computeIfAbsent(name, state::getTypeFromString);
  }
}
