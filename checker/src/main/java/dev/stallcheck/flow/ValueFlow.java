package dev.stallcheck.flow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.BareExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * The expressions that flow into a variable, a parameter or a call's result, where every one of
 * them is visible in the compilation, and the {@link Value} they make:
 *
 * <ul>
 *   <li>a local: every value assigned to it;
 *   <li>a field that is private, package-private or final: every value assigned to it anywhere in
 *       the compilation but in a constructor the compilation never calls (none: it is only {@code
 *       null}, unless an annotation says a framework sets it);
 *   <li>an effectively final parameter of a constructor, or of a private, or package-private method
 *       that overrides nothing and that no method reference names: the argument at each call site;
 *   <li>a call of a static, private or final method of the compilation (a factory): every value it
 *       returns.
 * </ul>
 *
 * Everything else (a library call's result, a public method's parameter) is an origin of its own,
 * whose value is known only for a literal, an enum constant, a class literal, a {@code new}, or a
 * library factory given a class literal (an object made by reflection). Where the values are not
 * all known, their static types may still be: {@link #narrowedClass}. Memoized per variable and
 * method for the whole compilation, so each is resolved once.
 */
public final class ValueFlow {
  private static final Context.Key<ValueFlow> KEY = new Context.Key<>();

  /** Annotations that say nothing of who calls a constructor, by simple name (of any package). */
  private static final ImmutableSet<String> DOCUMENTING =
      ImmutableSet.of("VisibleForTesting", "Deprecated", "SuppressWarnings", "SafeVarargs");

  /** Beyond this many origins a value is unknown: keeps each lookup bounded. */
  private static final int MAX_ORIGINS = 16;

  private final ProgramFlow flow;
  private final Types types;
  private final Supplier<CompilationIndex> index;

  /** {@link #narrowedClass} by variable; empty: none narrower. */
  private final Map<VarSymbol, Optional<ClassSymbol>> narrowed = new HashMap<>();

  /** Origins by variable or method (for its results); empty while in progress or unknown. */
  private final Map<Symbol, Optional<ImmutableList<TreePath>>> memo = new HashMap<>();

  private final ConstructedFields constructedFields;
  private final Getters getters;

  private ValueFlow(ProgramFlow flow, Types types, Supplier<CompilationIndex> index) {
    this.flow = flow;
    this.types = types;
    this.index = index;
    this.constructedFields =
        new ConstructedFields(flow, this::valueOf, this::onlyUnboundedQueues, types);
    this.getters = new Getters(flow, index);
  }

  public static ValueFlow instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () ->
            new ValueFlow(
                ProgramFlow.instance(context),
                Types.instance(context),
                () -> CompilationIndex.instance(context)));
  }

  /**
   * The final instance field {@code getter} only returns, if no other method can run in its place;
   * else null ({@link Getters}).
   */
  @Nullable
  public VarSymbol fieldReturnedBy(MethodSymbol getter) {
    return getters.fieldReturnedBy(getter);
  }

  public ProgramFlow program() {
    return flow;
  }

  /** The value of the expression at {@code path}, from everything that flows into it. */
  public Value valueOf(TreePath path) {
    Optional<ImmutableList<TreePath>> origins = originsOf(path);
    if (origins.isEmpty()) {
      return Value.UNKNOWN;
    }
    return join(origins.get());
  }

  /** Whether every value that flows into the expression at {@code path} is an unbounded queue. */
  public boolean onlyUnboundedQueues(TreePath path) {
    Optional<ImmutableList<TreePath>> origins = originsOf(path);
    return origins.isPresent()
        && !origins.get().isEmpty()
        && origins.get().stream()
            .allMatch(origin -> UnboundedQueues.creates((ExpressionTree) origin.getLeaf()));
  }

  /** The value of parameter {@code index} of {@code method}, from every call site. */
  public Value parameterValue(MethodSymbol method, int index) {
    if (index < 0 || index >= method.getParameters().size()) {
      return Value.UNKNOWN;
    }
    Optional<ImmutableList<TreePath>> origins = variableOrigins(method.getParameters().get(index));
    return origins.isEmpty() ? Value.UNKNOWN : join(origins.get());
  }

  /**
   * The expressions whose values flow into the expression at {@code path} (itself, if nothing flows
   * into it); empty if some are not visible.
   */
  public Optional<ImmutableList<TreePath>> originsOf(TreePath path) {
    List<TreePath> found = new ArrayList<>();
    return collect(path, found) ? Optional.of(ImmutableList.copyOf(found)) : Optional.empty();
  }

  /**
   * The expressions the compilation shows flowing into the expression at {@code path}: all of them
   * where all are visible ({@link #originsOf}); else, for a field, what the compilation assigns to
   * it, and for a parameter of a method that code outside the compilation may call too (a public
   * method, an override), what the compilation's own calls pass it, each followed the same way (two
   * such steps: a setter's parameter stored in a field). What comes from outside is left out, not a
   * reason to know nothing: for collecting the callbacks some code registers, not for deciding what
   * a value cannot be.
   */
  public ImmutableList<TreePath> visibleOriginsOf(TreePath path) {
    List<TreePath> found = new ArrayList<>();
    addVisibleOrigins(path, 2, found);
    return found.size() > MAX_ORIGINS ? ImmutableList.of() : ImmutableList.copyOf(found);
  }

  private void addVisibleOrigins(TreePath path, int steps, List<TreePath> found) {
    Optional<ImmutableList<TreePath>> all = originsOf(path);
    if (all.isPresent()) {
      found.addAll(all.get());
      return;
    }
    if (steps == 0
        || !(ASTHelpers.getSymbol(BareExpression.of((ExpressionTree) path.getLeaf()))
            instanceof VarSymbol variable)
        || !flow.declares(variable.enclClass())) {
      return;
    }
    if (variable.getKind() == ElementKind.FIELD) {
      for (TreePath assigned : flow.assignmentsTo(variable)) {
        addVisibleOrigins(assigned, steps - 1, found);
      }
      return;
    }
    if (!(variable.owner instanceof MethodSymbol method)
        || !flow.isEffectivelyFinalParameter(variable)) {
      return;
    }
    int index = singleParameterIndex(variable, method);
    for (TreePath site : index < 0 ? List.<TreePath>of() : flow.callSitesOf(method)) {
      TreePath argument = argumentAt(site, index);
      if (argument != null) {
        addVisibleOrigins(argument, steps - 1, found);
      }
    }
  }

  /** Where {@code parameter} is among {@code method}'s; -1 for a varargs parameter (or none). */
  private static int singleParameterIndex(VarSymbol parameter, MethodSymbol method) {
    int index = method.getParameters().indexOf(parameter);
    return method.isVarArgs() && index == method.getParameters().size() - 1 ? -1 : index;
  }

  /** The argument a call or {@code new} at {@code site} passes at {@code index}; null if none. */
  private static @Nullable TreePath argumentAt(TreePath site, int index) {
    List<? extends ExpressionTree> arguments =
        site.getLeaf() instanceof MethodInvocationTree call
            ? call.getArguments()
            : ((NewClassTree) site.getLeaf()).getArguments();
    return index < arguments.size() ? new TreePath(site, arguments.get(index)) : null;
  }

  /**
   * The value of an origin itself: known for literals, constants, class literals and {@code new}.
   */
  public static Value originValue(ExpressionTree expression) {
    ExpressionTree e = BareExpression.of(expression);
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      return Value.NULL;
    }
    if (e instanceof NewClassTree creation
        && ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor) {
      return Value.created(constructor.enclClass());
    }
    ClassSymbol literal = classLiteral(e);
    if (literal != null) {
      return Value.constant(new Value.ClassLiteral(literal));
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (symbol instanceof VarSymbol && (symbol.flags() & Flags.ENUM) != 0) {
      return Value.constant(symbol);
    }
    Object constant = ASTHelpers.constValue(e);
    return constant == null ? Value.UNKNOWN : Value.constant(constant);
  }

  /** The class {@code expression} is the literal of ({@code Foo.class}); else null. */
  private static @Nullable ClassSymbol classLiteral(ExpressionTree expression) {
    return BareExpression.of(expression) instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("class")
            && ASTHelpers.getSymbol(select.getExpression()) instanceof ClassSymbol type
        ? type
        : null;
  }

  /** The value of a variable whose every value comes from {@code origins} (none: only null). */
  private Value join(List<TreePath> origins) {
    Value value = Value.NULL;
    for (int i = 0; i < origins.size(); i++) {
      TreePath origin = origins.get(i);
      ExpressionTree e = BareExpression.of((ExpressionTree) origin.getLeaf());
      Value one;
      if (e instanceof NewClassTree creation
          && ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor) {
        one = constructedFields.of(origin, creation, constructor);
      } else if (e instanceof MethodInvocationTree call) {
        one = madeByLibrary(call);
      } else {
        one = originValue(e);
      }
      value = i == 0 ? one : value.join(one);
    }
    return value;
  }

  /**
   * The value of a library call that makes an object for a class literal it is given, {@code <T> T
   * make(Class<T> type, ..)}, when the literal names an interface or abstract class of the
   * compilation: an RPC proxy, or an object a dependency-injection container builds. The library
   * makes it by reflection, so it is none of the objects the compilation's own {@code new}s make:
   * it is of a class of the compilation that no code of the compilation instantiates (one that only
   * reflection can make), or of a class the compilation does not declare. Unknown for any other
   * call: a collection's {@code get} returns what the compilation put in.
   */
  private Value madeByLibrary(MethodInvocationTree call) {
    ClassSymbol named = classMadeByLibrary(call);
    if (named == null) {
      return originValue(call);
    }
    ImmutableSet.Builder<ClassSymbol> reflective = ImmutableSet.builder();
    for (ClassSymbol type : CallTargets.concrete(index.get().subclassesOf(named))) {
      if (!flow.instantiatedSubtypesOf(type).contains(type)) {
        reflective.add(type);
      }
    }
    return Value.madeElsewhere(reflective.build());
  }

  /** The interface or abstract class of the compilation a library factory is asked to make. */
  private @Nullable ClassSymbol classMadeByLibrary(MethodInvocationTree call) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol factory)
        || flow.declares(factory.enclClass())
        || !(factory.getReturnType() instanceof Type.TypeVar made)) {
      return null;
    }
    List<VarSymbol> parameters = factory.getParameters();
    for (int i = 0; i < parameters.size() && i < call.getArguments().size(); i++) {
      Type parameter = parameters.get(i).type;
      if (parameter.tsym.getQualifiedName().contentEquals("java.lang.Class")
          && parameter.getTypeArguments().size() == 1
          && parameter.getTypeArguments().get(0).tsym == made.tsym
          && classLiteral(call.getArguments().get(i)) instanceof ClassSymbol named
          && (named.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) != 0
          && flow.declares(named)) {
        return named;
      }
    }
    return null;
  }

  private boolean collect(TreePath path, List<TreePath> found) {
    ExpressionTree e = BareExpression.of((ExpressionTree) path.getLeaf());
    if (e instanceof ConditionalExpressionTree conditional) {
      return collect(new TreePath(path, conditional.getTrueExpression()), found)
          && collect(new TreePath(path, conditional.getFalseExpression()), found);
    }
    Optional<ImmutableList<TreePath>> inner = Optional.of(ImmutableList.of(path));
    Symbol symbol = ASTHelpers.getSymbol(e);
    if ((e instanceof IdentifierTree || e instanceof MemberSelectTree)
        && symbol instanceof VarSymbol variable
        && (variable.flags() & Flags.ENUM) == 0
        && ASTHelpers.constValue(e) == null) {
      inner = variableOrigins(variable);
    } else if (e instanceof MethodInvocationTree && symbol instanceof MethodSymbol method) {
      Optional<ImmutableList<TreePath>> returned = returnOrigins(method);
      inner = returned.isPresent() ? returned : inner;
    }
    if (inner.isEmpty() || found.size() + inner.get().size() > MAX_ORIGINS) {
      return false;
    }
    found.addAll(inner.get());
    return true;
  }

  private Optional<ImmutableList<TreePath>> variableOrigins(VarSymbol variable) {
    Optional<ImmutableList<TreePath>> known = memo.get(variable);
    if (known != null) {
      return known;
    }
    memo.put(variable, Optional.empty()); // A cycle through this variable: unknown.
    List<TreePath> sources = sourcesOf(variable);
    Optional<ImmutableList<TreePath>> origins = Optional.empty();
    if (sources != null) {
      List<TreePath> found = new ArrayList<>();
      boolean complete = true;
      for (TreePath source : sources) {
        complete &= collect(source, found);
      }
      origins = complete ? Optional.of(ImmutableList.copyOf(found)) : Optional.empty();
    }
    memo.put(variable, origins);
    return origins;
  }

  /** What is assigned to or passed into {@code variable}, if all of it is visible; else null. */
  @Nullable
  private List<TreePath> sourcesOf(VarSymbol variable) {
    switch (variable.getKind()) {
      case LOCAL_VARIABLE, RESOURCE_VARIABLE -> {
        List<TreePath> assigned = flow.assignmentsTo(variable);
        return assigned.isEmpty() ? null : assigned;
      }
      case FIELD -> {
        boolean visible =
            (variable.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0
                || (variable.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0;
        if (!visible || !flow.declares(variable.enclClass())) {
          return null;
        }
        List<TreePath> assigned = assignedOnCreatedObjects(variable);
        if (assigned == null) {
          return null;
        }
        // Never assigned: only null, unless a framework sets it (an annotation says so).
        return assigned.isEmpty()
                && ((variable.flags() & Flags.FINAL) != 0
                    || !variable.getAnnotationMirrors().isEmpty())
            ? null
            : assigned;
      }
      case PARAMETER -> {
        return parameterSources(variable);
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * What the compilation assigns to {@code field} on the objects it creates: every assignment but
   * those in a constructor of the field's class that no code of the compilation calls, when the
   * compilation creates objects of the class itself and declares no subclass of it. Each object a
   * virtual call may reach is one the compilation creates (rapid type analysis), by a constructor
   * it calls; a constructor it never calls (one for tests or other modules, which pass in what they
   * like) builds none of those. Null when nothing else assigns the field: what it holds is then
   * unknown.
   */
  private @Nullable List<TreePath> assignedOnCreatedObjects(VarSymbol field) {
    List<TreePath> assigned = flow.assignmentsTo(field);
    ClassSymbol owner = field.enclClass();
    if (assigned.isEmpty()
        || !flow.instantiatedSubtypesOf(owner).contains(owner)
        || index.get().subclassesOf(owner).size() != 1) {
      return assigned;
    }
    List<TreePath> kept = new ArrayList<>(assigned.size());
    for (TreePath value : assigned) {
      MethodSymbol constructor = constructorAssigning(value, owner);
      if (constructor == null
          || flow.isReferenced(constructor)
          || mayBeCalledByFramework(constructor)
          || !flow.callSitesOf(constructor).isEmpty()) {
        kept.add(value);
      }
    }
    return kept.isEmpty() ? null : kept;
  }

  /**
   * Whether an annotation on {@code constructor} may say that a framework calls it by reflection
   * ({@code @Inject}, {@code @JsonCreator}): any annotation but those that only document the code
   * ({@code @VisibleForTesting}: tests call it, which build objects of their own).
   */
  private static boolean mayBeCalledByFramework(MethodSymbol constructor) {
    for (Attribute.Compound annotation : constructor.getAnnotationMirrors()) {
      if (!DOCUMENTING.contains(annotation.type.tsym.getSimpleName().toString())) {
        return true;
      }
    }
    return false;
  }

  /** The constructor of {@code owner} whose own code assigns the value at {@code path}; or null. */
  private static @Nullable MethodSymbol constructorAssigning(TreePath path, ClassSymbol owner) {
    for (TreePath at = path; at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof MethodTree declaration) {
        MethodSymbol method = ASTHelpers.getSymbol(declaration);
        return method.isConstructor() && method.owner == owner ? method : null;
      }
      if (leaf instanceof ClassTree || leaf instanceof LambdaExpressionTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * The class of the compilation below {@code variable}'s declared type that every value flowing
   * into it is statically typed as (where all of them are visible, as for its {@link #valueOf
   * value}): a parameter declared as an interface to which every caller passes one class of its
   * own. Its objects are of that class or below, whatever they are. Null if there is none narrower.
   */
  public @Nullable ClassSymbol narrowedClass(VarSymbol variable) {
    return narrowed.computeIfAbsent(variable, v -> Optional.ofNullable(narrow(v))).orElse(null);
  }

  private @Nullable ClassSymbol narrow(VarSymbol variable) {
    if (!(variable.type.tsym instanceof ClassSymbol declared)) {
      return null;
    }
    List<TreePath> sources = sourcesOf(variable);
    if (sources == null) {
      return null;
    }
    List<Type> flowing = new ArrayList<>();
    for (TreePath source : sources) {
      Type type = ASTHelpers.getType(source.getLeaf());
      if (type == null || !(type.tsym instanceof ClassSymbol)) {
        if (type != null && type.getKind() == TypeKind.NULL) {
          continue;
        }
        return null;
      }
      flowing.add(types.erasure(type));
    }
    if (flowing.isEmpty()) {
      return null;
    }
    Type bound = types.lub(flowing.toArray(Type[]::new));
    return bound != null
            && !bound.isCompound()
            && bound.tsym instanceof ClassSymbol narrower
            && narrower != declared
            && narrower.isSubClass(declared, types)
            && flow.declares(narrower)
        ? narrower
        : null;
  }

  @Nullable
  private List<TreePath> parameterSources(VarSymbol parameter) {
    if (!(parameter.owner instanceof MethodSymbol method)
        || !flow.isEffectivelyFinalParameter(parameter)
        || !callSitesVisible(method)) {
      return null;
    }
    int index = singleParameterIndex(parameter, method);
    if (index < 0) {
      return null;
    }
    List<TreePath> sources = new ArrayList<>();
    for (TreePath site : flow.callSitesOf(method)) {
      TreePath argument = argumentAt(site, index);
      if (argument == null) {
        return null;
      }
      sources.add(argument);
    }
    // Never called here: called from elsewhere (another module, a framework), with unknowns.
    return sources.isEmpty() ? null : sources;
  }

  /**
   * Whether every call of {@code method} is a call site of the compilation: a constructor (a class
   * built elsewhere is outside what the compilation can tell), or a private or package-private
   * method that overrides nothing; never a method a method reference names.
   */
  private boolean callSitesVisible(MethodSymbol method) {
    if (flow.isReferenced(method) || !flow.declares(method.enclClass())) {
      return false;
    }
    if (method.isConstructor() || (method.flags() & Flags.PRIVATE) != 0) {
      return true;
    }
    return (method.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0
        && !method.enclClass().isInterface()
        && ASTHelpers.findSuperMethods(method, types).isEmpty();
  }

  /** The results of a call of {@code method} if it is a factory of the compilation; else empty. */
  private Optional<ImmutableList<TreePath>> returnOrigins(MethodSymbol method) {
    boolean exact =
        (method.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) != 0
            || (method.enclClass().flags() & Flags.FINAL) != 0;
    if (!exact || !flow.declares(method.enclClass()) || flow.returnsOf(method).isEmpty()) {
      return Optional.empty();
    }
    Optional<ImmutableList<TreePath>> known = memo.get(method);
    if (known != null) {
      return known;
    }
    memo.put(method, Optional.empty());
    List<TreePath> found = new ArrayList<>();
    boolean complete = true;
    for (TreePath returned : flow.returnsOf(method)) {
      complete &= collect(returned, found);
    }
    Optional<ImmutableList<TreePath>> origins =
        complete ? Optional.of(ImmutableList.copyOf(found)) : Optional.empty();
    memo.put(method, origins);
    return origins;
  }
}
