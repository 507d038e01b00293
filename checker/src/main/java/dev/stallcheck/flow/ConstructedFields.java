package dev.stallcheck.flow;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.api.Supertypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The constants that the final fields of a just-created object hold: {@code new Frame(Kind.CONTROL,
 * bytes)} whose constructor does {@code this.kind = kind} makes a frame whose {@code kind} is
 * {@code Kind.CONTROL}. Only fields of types that have constants (primitives, strings, enums) and
 * only assignments the constructor always makes (a statement of its own body, or the field's
 * initializer); a record's canonical constructor that the source does not spell out sets each
 * component from its parameter. Anything else, such as a constructor that delegates to {@code
 * this(..)}, leaves the field unknown. Memoized per constructor.
 *
 * <p>A final field of a queue type holds {@link UnboundedQueues#UNBOUNDED} when every queue that
 * flows into it is unbounded ({@code new Mailbox(new LinkedBlockingQueue<>())}), so that a send on
 * it in that object never waits, whatever the other objects of its class are built with.
 */
final class ConstructedFields {
  /** Where one field's value comes from: a parameter of the constructor, or a constant. */
  private record Source(int parameter, Value constant) {}

  private final ProgramFlow flow;

  /** The value of an argument of a creation, from everything that flows into it. */
  private final Function<TreePath, Value> argumentValue;

  /** Whether every value that flows into an argument of a creation is an unbounded queue. */
  private final Predicate<TreePath> onlyUnboundedQueues;

  private final Types types;

  private final Map<MethodSymbol, ImmutableMap<VarSymbol, Source>> byConstructor = new HashMap<>();

  ConstructedFields(
      ProgramFlow flow,
      Function<TreePath, Value> argumentValue,
      Predicate<TreePath> onlyUnboundedQueues,
      Types types) {
    this.flow = flow;
    this.argumentValue = argumentValue;
    this.onlyUnboundedQueues = onlyUnboundedQueues;
    this.types = types;
  }

  /** The object {@code creation} (at {@code path}) makes, with the constants of its fields. */
  Value of(TreePath path, NewClassTree creation, MethodSymbol constructor) {
    ClassSymbol type = constructor.enclClass();
    if (creation.getClassBody() != null || !flow.declares(type)) {
      return Value.created(type);
    }
    ImmutableMap<VarSymbol, Source> sources =
        byConstructor.computeIfAbsent(constructor, this::sourcesOf);
    ImmutableMap.Builder<VarSymbol, Value> fields = ImmutableMap.builder();
    List<? extends ExpressionTree> arguments = creation.getArguments();
    sources.forEach(
        (field, source) -> {
          Value value =
              source.parameter() < 0
                  ? source.constant()
                  : source.parameter() < arguments.size()
                      ? argumentValue(field, new TreePath(path, arguments.get(source.parameter())))
                      : Value.UNKNOWN;
          if (value.isConstantOrOneOf()) {
            fields.put(field, value);
          }
        });
    return Value.created(type, fields.buildOrThrow());
  }

  private Value argumentValue(VarSymbol field, TreePath argument) {
    if (!isQueue(field.type)) {
      return argumentValue.apply(argument);
    }
    return onlyUnboundedQueues.test(argument) ? UnboundedQueues.UNBOUNDED : Value.UNKNOWN;
  }

  private ImmutableMap<VarSymbol, Source> sourcesOf(MethodSymbol constructor) {
    if (constructor.isVarArgs()) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<VarSymbol, Source> sources = ImmutableMap.builder();
    for (Symbol member : ASTHelpers.getEnclosedElements(constructor.enclClass())) {
      if (member instanceof VarSymbol field
          && field.getKind() == ElementKind.FIELD
          && !field.isStatic()
          && (field.flags() & Flags.FINAL) != 0
          && (hasConstants(field.type) || isQueue(field.type))) {
        Source source = sourceOf(field, constructor);
        if (source != null) {
          sources.put(field, source);
        }
      }
    }
    return sources.buildOrThrow();
  }

  @Nullable
  private Source sourceOf(VarSymbol field, MethodSymbol constructor) {
    TreePath only = null;
    for (TreePath assigned : flow.assignmentsTo(field)) {
      if (assigned.getParentPath().getLeaf() instanceof VariableTree
          || alwaysRunsIn(assigned, constructor)) {
        if (only != null) {
          return null;
        }
        only = assigned;
      }
    }
    if (only == null) {
      return implicitRecordSource(field, constructor);
    }
    ExpressionTree value = ASTHelpers.stripParentheses((ExpressionTree) only.getLeaf());
    if (value instanceof IdentifierTree
        && ASTHelpers.getSymbol(value) instanceof VarSymbol parameter
        && parameter.owner == constructor
        && flow.isEffectivelyFinalParameter(parameter)) {
      return new Source(constructor.getParameters().indexOf(parameter), Value.UNKNOWN);
    }
    if (isQueue(field.type)) {
      return UnboundedQueues.creates(value) ? new Source(-1, UnboundedQueues.UNBOUNDED) : null;
    }
    Value constant = ValueFlow.originValue(value);
    return constant.isConstant() ? new Source(-1, constant) : null;
  }

  /**
   * A record component set by a canonical constructor the source does not spell out: the implicit
   * one, or a compact one that leaves the parameter as it came.
   */
  @Nullable
  private Source implicitRecordSource(VarSymbol field, MethodSymbol constructor) {
    ClassSymbol type = constructor.enclClass();
    boolean implicit =
        (constructor.flags() & (Flags.GENERATEDCONSTR | Flags.COMPACT_RECORD_CONSTRUCTOR)) != 0;
    if (!type.isRecord() || (constructor.flags() & Flags.RECORD) == 0 || !implicit) {
      return null;
    }
    List<VarSymbol> parameters = constructor.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VarSymbol parameter = parameters.get(i);
      if (parameter.name.equals(field.name)
          && ((constructor.flags() & Flags.GENERATEDCONSTR) != 0
              || flow.isEffectivelyFinalParameter(parameter))) {
        return new Source(i, Value.UNKNOWN);
      }
    }
    return null;
  }

  /**
   * Whether the assignment whose value is at {@code value} is a statement of {@code constructor}'s
   * own body, which every run of the constructor makes.
   */
  private static boolean alwaysRunsIn(TreePath value, MethodSymbol constructor) {
    TreePath assignment = value.getParentPath();
    if (!(assignment.getLeaf() instanceof AssignmentTree)) {
      return false;
    }
    TreePath statement = assignment.getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)) {
      return false;
    }
    TreePath body = statement.getParentPath();
    Tree method = body.getParentPath().getLeaf();
    return method instanceof MethodTree declared
        && declared.getBody() == body.getLeaf()
        && constructor.equals(ASTHelpers.getSymbol(declared));
  }

  private boolean isQueue(Type type) {
    return type.getTag() == TypeTag.CLASS
        && Supertypes.isA(type, "java.util.concurrent.BlockingQueue", types);
  }

  private static boolean hasConstants(Type type) {
    return type.isPrimitive()
        || type.tsym.getKind() == ElementKind.ENUM
        || (type.getTag() == TypeTag.CLASS
            && type.tsym.getQualifiedName().contentEquals("java.lang.String"));
  }
}
