package dev.stallcheck.graph;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which calls of a compilation may, through calls at any depth, reach a call that passes a test (a
 * send, a lock operation): a pre-filter that proves most calls cannot, before any summary or
 * dataflow below them is computed. Built by one scan of every compilation unit.
 *
 * <p>The call graph is coarse on purpose, so that it contains every edge the finer analyses may
 * follow. A body is all the code written in a method, lambdas and local and anonymous classes
 * included, whenever they run; a class's initializers are one body, run by each of its
 * constructors. A call of a constructor runs that constructor and the initializers; a call of a
 * method runs every method of the compilation with its name and number of parameters that some
 * class of the compilation may run for it: declared in a subclass of the called method's owner, or
 * inherited by a class of the compilation that is also a subtype of that owner. So "cannot reach"
 * is exact, and "may reach" only says that the finer analysis is needed.
 */
public final class CallReach {
  /** A test on one call (an invocation, a {@code new}, a method reference) at its path. */
  public interface CallTest {
    boolean test(TreePath call, MethodSymbol callee, VisitorState state);
  }

  /** Which methods of the compilation share a name and number of parameters. */
  private record Signature(Object name, int arity) {
    static Signature of(MethodSymbol method) {
      return new Signature(method.getSimpleName(), method.getParameters().size());
    }
  }

  private final Types types;

  /** Every call the scan saw with its callee, in the order of the files and of their code. */
  private final List<TreePath> calls = new ArrayList<>();

  /**
   * The callees the scan saw, each with the bodies (method symbols; class symbols for initializers)
   * that call it: one lookup per call.
   */
  private final Map<MethodSymbol, Set<Symbol>> callers = new HashMap<>();

  /** The callees that may reach the test. */
  private final Set<MethodSymbol> reachingCallees = new HashSet<>();

  /** The callees of every call, by signature (constructors: by class). */
  private final Map<Object, Set<MethodSymbol>> calleesBySignature = new HashMap<>();

  /** The bodies that may reach the test. */
  private final Set<Symbol> reaching = new HashSet<>();

  /** Every class of the compilation, and by class those of them that are it or its subtypes. */
  private final List<ClassSymbol> classes = new ArrayList<>();

  private final Map<ClassSymbol, Set<ClassSymbol>> subclasses = new HashMap<>();

  private CallReach(Types types) {
    this.types = types;
  }

  /**
   * The calls of {@code state}'s compilation that may reach a call passing {@code seeds} (a body
   * that makes one reaches it), or a call of a method passing {@code declared} (which reaches it
   * itself, with or without a body).
   */
  public static CallReach of(VisitorState state, CallTest seeds, Predicate<MethodSymbol> declared) {
    CallReach reach = new CallReach(state.getTypes());
    Deque<Symbol> work = new ArrayDeque<>();
    for (CompilationUnitTree unit : CompilationIndex.units(state.context)) {
      new LazyPathScanner<Void, Void>() {
        /** The bodies the code being scanned is written in, innermost last. */
        private final Deque<Symbol> bodies = new ArrayDeque<>();

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          ClassSymbol type = ASTHelpers.getSymbol(tree);
          if (type == null) {
            return super.visitClass(tree, null);
          }
          reach.classes.add(type);
          for (Tree member : tree.getMembers()) {
            boolean initializer = member instanceof BlockTree || member instanceof VariableTree;
            if (initializer) {
              bodies.addLast(type);
            }
            try {
              scan(member, null);
            } finally {
              if (initializer) {
                bodies.removeLast();
              }
            }
          }
          return null;
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (method == null) {
            return super.visitMethod(tree, null);
          }
          if (declared.test(method)) {
            work.add(method);
          }
          bodies.addLast(method);
          try {
            return super.visitMethod(tree, null);
          } finally {
            bodies.removeLast();
          }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
          call(tree);
          return super.visitMethodInvocation(tree, null);
        }

        @Override
        public Void visitNewClass(NewClassTree tree, Void unused) {
          call(tree);
          return super.visitNewClass(tree, null);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
          call(tree);
          return super.visitMemberReference(tree, null);
        }

        private void call(Tree tree) {
          if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol callee)) {
            return;
          }
          reach.calls.add(getCurrentPath());
          if (bodies.isEmpty()) {
            return;
          }
          Set<Symbol> callers = reach.callers.get(callee);
          if (callers == null) {
            callers = new HashSet<>();
            reach.callers.put(callee, callers);
            reach.calleesBySignature.computeIfAbsent(key(callee), k -> new HashSet<>()).add(callee);
            if (declared.test(callee)) {
              reach.reachingCallees.add(callee);
            }
          }
          callers.addAll(bodies);
          if (seeds.test(getCurrentPath(), callee, state.withPath(getCurrentPath()))) {
            work.addAll(bodies);
          }
        }
      }.scan(new TreePath(unit), null);
    }
    for (MethodSymbol callee : reach.reachingCallees) {
      work.addAll(reach.callers.getOrDefault(callee, Set.of()));
    }
    reach.propagate(work);
    return reach;
  }

  /** Constructors by class (each runs its class's initializers); methods by signature. */
  private static Object key(MethodSymbol method) {
    return method.isConstructor() ? method.owner : Signature.of(method);
  }

  /** Marks {@code work} and, through their callees, their callers as reaching the test. */
  private void propagate(Deque<Symbol> work) {
    while (!work.isEmpty()) {
      Symbol body = work.poll();
      if (!reaching.add(body)) {
        continue;
      }
      Object key = body instanceof MethodSymbol method ? key(method) : body;
      for (MethodSymbol callee : calleesBySignature.getOrDefault(key, Set.of())) {
        if (!reachingCallees.contains(callee) && runs(callee, body)) {
          reachingCallees.add(callee);
          work.addAll(callers.getOrDefault(callee, Set.of()));
        }
      }
    }
  }

  /** Whether a call of {@code callee} may run {@code body} (of the same key). */
  private boolean runs(MethodSymbol callee, Symbol body) {
    if (!(body instanceof MethodSymbol method) || callee.isConstructor()) {
      return true; // the initializers or a constructor of the constructor's class
    }
    if (method.equals(callee) || !(callee.owner instanceof ClassSymbol owner)) {
      return true;
    }
    // Some class of the compilation is both (itself included): it may run the body for the call.
    Set<ClassSymbol> running = subclassesOf(method.enclClass());
    Set<ClassSymbol> called = subclassesOf(owner);
    Set<ClassSymbol> fewer = running.size() <= called.size() ? running : called;
    Set<ClassSymbol> more = fewer == running ? called : running;
    for (ClassSymbol type : fewer) {
      if (more.contains(type)) {
        return true;
      }
    }
    return false;
  }

  /** The classes of the compilation that are {@code type} or a subtype of it. */
  private Set<ClassSymbol> subclassesOf(ClassSymbol type) {
    if (subclasses.isEmpty()) {
      // Each class under each of its supertypes: linear in the classes and their supertypes.
      for (ClassSymbol each : classes) {
        for (Type supertype : types.closure(each.type)) {
          if (supertype.tsym instanceof ClassSymbol symbol) {
            subclasses.computeIfAbsent(symbol, unused -> new HashSet<>()).add(each);
          }
        }
      }
    }
    return subclasses.getOrDefault(type, Set.of());
  }

  /**
   * The calls of the compilation (invocations, {@code new}, method references) whose callee {@link
   * #mayReach may reach} the test, in the order of the files and, within one, of their code (a call
   * before the calls in its arguments): a scan of the compilation for such calls needs no scan.
   */
  public List<TreePath> callsThatMayReach() {
    List<TreePath> reachingCalls = new ArrayList<>();
    for (TreePath call : calls) {
      if (mayReach((MethodSymbol) ASTHelpers.getSymbol(call.getLeaf()))) {
        reachingCalls.add(call);
      }
    }
    return reachingCalls;
  }

  /**
   * The bodies that call {@code callee} itself (as the call's symbol names it, not an override):
   * method symbols, and class symbols for initializers.
   */
  public Set<Symbol> bodiesCalling(MethodSymbol callee) {
    return callers.getOrDefault(callee, Set.of());
  }

  /**
   * Whether a call of {@code callee} (a method or constructor) may reach a call passing the test.
   */
  public boolean mayReach(MethodSymbol callee) {
    // A callee the scan did not see (called outside any body) is not known not to.
    return reachingCallees.contains(callee) || !callers.containsKey(callee);
  }
}
