package dev.stallcheck.options;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import dev.stallcheck.graph.PerCompilation;
import java.util.HashSet;
import java.util.Set;
import javax.tools.JavaFileObject;

/**
 * A check's options as its {@link OptionReader} read them, and one error line for each malformed
 * flag. A check with errors analyses nothing and reports the errors instead ({@link
 * #reportErrorsOnce}).
 *
 * <p>Why not throw: Error Prone builds a checker inside its injector, which wraps whatever the
 * constructor throws; javac then prints "An exception has occurred in the compiler ... Please file
 * a bug against the Java compiler" and a stack trace. Error Prone's own invalid flags ({@code
 * InvalidCommandLineOptionException}) take a path that is not open to a checker, and on the javac
 * command line they print a stack trace too. So the errors are reported the way Error Prone reports
 * a finding, as javac errors, under Error Prone's own message key, without a source position.
 *
 * @param <T> the check's options record
 */
public final class CheckOptions<T> {
  /** Error Prone's message key for its diagnostics: the text is printed as given. */
  private static final String ERROR_PRONE_KEY = "error.prone";

  /**
   * The lines already reported in a compilation: each once, not per file, and not once per check
   * for a flag both checks read ({@code Stallcheck:Rollout}).
   */
  private static final Context.Key<Set<String>> REPORTED = new Context.Key<>();

  private final T values;
  private final ImmutableList<String> errors;

  CheckOptions(T values, ImmutableList<String> errors) {
    this.values = values;
    this.errors = errors;
  }

  /** The options; where a flag was malformed, its default (see {@link #valid()}). */
  public T values() {
    return values;
  }

  /** Whether every flag was well-formed; if not, the check must not analyse. */
  public boolean valid() {
    return errors.isEmpty();
  }

  /** One line per malformed flag: the flag, the value given and the forms accepted. */
  public ImmutableList<String> errors() {
    return errors;
  }

  /**
   * Reports each error as a javac error without a source file, the first time it is called: the
   * compilation fails whatever the check's severity, with no stack trace. A check calls this from
   * {@code matchCompilationUnit}, which Error Prone runs before the check's other matchers.
   */
  public void reportErrorsOnce(VisitorState state) {
    if (errors.isEmpty()) {
      return;
    }
    Set<String> reported = PerCompilation.instance(state.context, REPORTED, HashSet::new);
    Log log = Log.instance(state.context);
    // Error Prone sets the log's source to the file being analysed; the error is about no file.
    JavaFileObject analysed = log.useSource(null);
    try {
      for (String error : errors) {
        if (reported.add(error)) {
          log.error(new JCDiagnostic.Error("compiler", ERROR_PRONE_KEY, error));
        }
      }
    } finally {
      log.useSource(analysed);
    }
  }
}
