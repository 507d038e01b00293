package dev.stallcheck.options;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a check's {@code -XepOpt:} flags strictly. Each check reads all of its flags in one place,
 * its options record, through one reader; a malformed value never silently means the default or
 * nothing, but becomes one error line that names the flag, the value given and the forms accepted
 * ({@link CheckOptions#reportErrorsOnce}). A flag under the check's own prefix that no reader asked
 * for (a misspelt option name) is an error too.
 *
 * <p>To add an option, give it a flag-name constant and a component in the check's options record
 * (e.g. {@code BlockingPutUnderLockOptions}), and read it in the record's {@code read(flags)} next
 * to the others, with the reader method for its kind of value:
 *
 * <pre>{@code
 * public static final String LOCK_METHODS = CHECK + ":LockMethods";
 * public static final String ROLLOUT = "Stallcheck:Rollout";
 *
 * OptionReader in = new OptionReader(flags, CHECK);
 * return in.finish(
 *     new BlockingPutUnderLockOptions(
 *         in.bool(TIMED_SENDS, false),                     // true|false, -XepOpt:Flag alone: true
 *         in.oneOf(WAITS, WaitPolicy.CAPACITY),            // an enum constant, in lower case
 *         in.atLeast(MAX_CHAIN_DEPTH, 1, 10),              // a whole number, at least 1
 *         in.list(LOCK_METHODS, QualifiedMethod.FORM, QualifiedMethod::parse), // a,b,c entries
 *         in.bool(ROLLOUT, false),
 *         ...));
 * }</pre>
 *
 * <p>A flag under the check's own prefix that is not read through the reader counts as misspelt, so
 * every flag of a check must be read here. A flag of another prefix (such as {@code
 * Stallcheck:Rollout}) is read the same way; only the check's own prefix is checked for names
 * nobody reads. Each reader method returns the default (or the entries that parsed) when the value
 * is malformed, so the record can still be built; the check then reports the errors ({@link
 * CheckOptions#reportErrorsOnce} from {@code matchCompilationUnit}) and analyses nothing ({@link
 * CheckOptions#valid}).
 */
public final class OptionReader {
  private final ErrorProneFlags flags;
  private final String checkName;
  private final Set<String> read = new HashSet<>();
  private final List<String> errors = new ArrayList<>();

  /** A reader of {@code flags} for the check named {@code checkName} (its flags' prefix). */
  public OptionReader(ErrorProneFlags flags, String checkName) {
    this.flags = flags;
    this.checkName = checkName;
  }

  /**
   * {@code -XepOpt:flag=true|false}, case-insensitively; {@code -XepOpt:flag} alone means true (as
   * Error Prone reads it); {@code absent} when the flag is not given.
   */
  public boolean bool(String flag, boolean absent) {
    Optional<String> value = value(flag);
    if (value.isEmpty()) {
      return absent;
    }
    String given = value.get().trim();
    if (given.equalsIgnoreCase("true") || given.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(given.toLowerCase(Locale.ROOT));
    }
    invalid(flag, value.get(), "expected true or false");
    return absent;
  }

  /**
   * One of {@code absent}'s enum constants, written in lower case ({@code Waits=all} for {@code
   * ALL}) and read case-insensitively; {@code absent} when the flag is not given.
   */
  public <E extends Enum<E>> E oneOf(String flag, E absent) {
    Optional<String> value = value(flag);
    if (value.isEmpty()) {
      return absent;
    }
    E[] constants = absent.getDeclaringClass().getEnumConstants();
    for (E constant : constants) {
      if (constant.name().equalsIgnoreCase(value.get().trim())) {
        return constant;
      }
    }
    invalid(
        flag,
        value.get(),
        "expected one of "
            + Stream.of(constants)
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
    return absent;
  }

  /**
   * A whole number, at least {@code least} ({@code MaxChainDepth=12}); {@code absent} when the flag
   * is not given.
   */
  public int atLeast(String flag, int least, int absent) {
    Optional<String> value = value(flag);
    if (value.isEmpty()) {
      return absent;
    }
    try {
      int given = Integer.parseInt(value.get().trim());
      if (given >= least) {
        return given;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the form accepted.
    }
    invalid(flag, value.get(), "expected a whole number of at least " + least);
    return absent;
  }

  /**
   * The comma-separated entries of {@code -XepOpt:flag=...}, each read by {@code parseEntry} (empty
   * for an entry that is not of the accepted {@code form}, e.g. {@code
   * fully.qualified.Class#method}); blank entries are skipped, and the list is empty when the flag
   * is not given. Entries that do not parse are reported together, in one error.
   */
  public <T> ImmutableList<T> list(
      String flag, String form, Function<String, Optional<T>> parseEntry) {
    Optional<String> value = value(flag);
    if (value.isEmpty()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<T> entries = ImmutableList.builder();
    List<String> malformed = new ArrayList<>();
    for (String entry : Splitter.on(',').trimResults().omitEmptyStrings().split(value.get())) {
      Optional<T> parsed = parseEntry.apply(entry);
      if (parsed.isPresent()) {
        entries.add(parsed.get());
      } else {
        malformed.add("'" + entry + "'");
      }
    }
    if (!malformed.isEmpty()) {
      invalid(
          flag,
          value.get(),
          String.join(", ", malformed)
              + (malformed.size() == 1 ? " is" : " are")
              + " not "
              + form
              + "; entries are comma-separated");
    }
    return entries.build();
  }

  /**
   * {@code values}, built from what this reader read, with an error for each malformed value and
   * for each flag under the check's prefix that was not read.
   */
  public <T> CheckOptions<T> finish(T values) {
    List<String> all = new ArrayList<>(errors);
    String prefix = checkName + ":";
    ImmutableSet<String> known =
        read.stream()
            .filter(f -> f.startsWith(prefix))
            .sorted()
            .collect(ImmutableSet.toImmutableSet());
    flags.getFlagsMap().keySet().stream()
        .filter(flag -> flag.startsWith(prefix) && !read.contains(flag))
        .sorted()
        .forEach(
            flag ->
                all.add(
                    "invalid flag: "
                        + ErrorProneFlags.PREFIX
                        + flag
                        + "="
                        + flags.get(flag).orElse("")
                        + " ("
                        + checkName
                        + " has no option "
                        + flag.substring(prefix.length())
                        + "; its options are "
                        + known.stream()
                            .map(f -> f.substring(prefix.length()))
                            .collect(Collectors.joining(", "))
                        + ")"));
    return new CheckOptions<>(values, ImmutableList.copyOf(all));
  }

  private Optional<String> value(String flag) {
    read.add(flag);
    return flags.get(flag);
  }

  /** The one line that says what is wrong, in the form Error Prone uses for its own flags. */
  private void invalid(String flag, String value, String accepted) {
    errors.add(
        "invalid flag: " + ErrorProneFlags.PREFIX + flag + "=" + value + " (" + accepted + ")");
  }
}
