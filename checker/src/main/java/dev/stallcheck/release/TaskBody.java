package dev.stallcheck.release;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Optional;

/**
 * Code that a submitted task runs on another thread: a lambda body, the {@code run}/{@code call}/
 * {@code get} method body of a (possibly anonymous or local) class, the body of a method named by a
 * method reference, or the method reference itself when it names an acquire directly ({@code
 * submit(pool::borrow)}).
 *
 * @param code the body (or method reference)
 * @param unit the compilation unit {@code code} is in, for line numbers
 * @param method the method whose body {@code code} is; empty for a lambda or a method reference
 */
record TaskBody(Tree code, CompilationUnitTree unit, Optional<MethodSymbol> method) {}
