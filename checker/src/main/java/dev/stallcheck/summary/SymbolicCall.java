package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.paths.AccessPath;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A call as one walk of a method's code records it, before any calling context is known: which
 * bodies it reaches depends on the classes its receiver may be, and which context it gives the
 * callee on its operands, both of which may come from the caller's own context.
 *
 * @param kind how the callee is found
 * @param callee the method called; for {@link Kind#INITIALIZERS} the constructor running them
 * @param staticType the receiver's static class, for {@link Kind#VIRTUAL}; the class whose
 *     initializers run for {@link Kind#INITIALIZERS}
 * @param receiver what the callee's {@code this} is
 * @param arguments what each of the callee's parameters is
 * @param receiverPath the callee's {@code this} as a path in the caller's frame (null: unnameable)
 * @param argumentPaths each callee parameter as a path in the caller's frame (null: unnameable)
 * @param guards conditions on the caller's parameters under which the call is made
 * @param site where the call is, {@code File.java:line}
 * @param functional for a call of a functional interface's method, the lambdas and method
 *     references it may run (see {@code FactsCollector}); for a submission to a pool, those its
 *     rejection may run ({@link RejectionHandlers}); empty otherwise
 * @param handlers for a submission to a pool, the handler methods its rejection may run in the
 *     submitting thread ({@link RejectionHandlers}); empty otherwise
 * @param monitors what the caller's code knows of monitors at the call
 */
record SymbolicCall(
    Kind kind,
    MethodSymbol callee,
    ClassSymbol staticType,
    Operand receiver,
    ImmutableList<Operand> arguments,
    @Nullable AccessPath receiverPath,
    List<@Nullable AccessPath> argumentPaths,
    ImmutableList<Guard> guards,
    @Nullable String site,
    ImmutableList<TreePath> functional,
    ImmutableList<MethodSymbol> handlers,
    MonitorsAtCall monitors) {

  enum Kind {
    /** Exactly the callee's body: static, private, final, constructors, {@code super.} calls. */
    EXACT,
    /** Every body the receiver's classes may dispatch to. */
    VIRTUAL,
    /** A constructor running its class's field initializers, in its own frame. */
    INITIALIZERS
  }

  /** This call, also running what a pool's rejection of it may run. */
  SymbolicCall withRejection(RejectionHandlers.Handlers rejection) {
    if (rejection.methods().isEmpty() && rejection.functional().isEmpty()) {
      return this;
    }
    return with(
        guards,
        ImmutableList.<TreePath>builder().addAll(functional).addAll(rejection.functional()).build(),
        ImmutableList.<MethodSymbol>builder().addAll(handlers).addAll(rejection.methods()).build());
  }

  SymbolicCall guardedBy(ImmutableList<Guard> more) {
    if (more.isEmpty()) {
      return this;
    }
    return with(
        ImmutableList.<Guard>builder().addAll(guards).addAll(more).build(), functional, handlers);
  }

  /** This call, made where the caller's code knows {@code monitors}. */
  SymbolicCall at(MonitorsAtCall monitors) {
    return with(guards, functional, handlers, monitors);
  }

  private SymbolicCall with(
      ImmutableList<Guard> guards,
      ImmutableList<TreePath> functional,
      ImmutableList<MethodSymbol> handlers) {
    return with(guards, functional, handlers, monitors);
  }

  private SymbolicCall with(
      ImmutableList<Guard> guards,
      ImmutableList<TreePath> functional,
      ImmutableList<MethodSymbol> handlers,
      MonitorsAtCall monitors) {
    return new SymbolicCall(
        kind,
        callee,
        staticType,
        receiver,
        arguments,
        receiverPath,
        argumentPaths,
        guards,
        site,
        functional,
        handlers,
        monitors);
  }
}
