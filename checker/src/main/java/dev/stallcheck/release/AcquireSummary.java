package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.stallcheck.paths.AccessPath;

/**
 * What calling one method (or running one task body) does to resources, as its caller sees it: the
 * acquires it makes, itself or through helpers, and does not give back, with how each acquired
 * value leaves it (returned, stored into a holder or field reachable from a parameter or {@code
 * this}, passed on to a helper that stores it); the calls that may give something back; what
 * happens to each parameter; and whether it cleans anything up at all.
 *
 * @param acquires the unreleased acquires, in the method's frame ({@link Acquire#sinks} and
 *     receivers written with the method's parameters and fields)
 * @param releases the calls that may give something back, made by the method or its helpers
 * @param parameters what the method does with each parameter, by position
 * @param cleansUp whether the method or a helper contains any clean-up call or try-with-resources
 */
record AcquireSummary(
    ImmutableList<Acquire> acquires,
    ImmutableSet<ReleaseCall> releases,
    ImmutableList<ParameterFate> parameters,
    boolean cleansUp) {

  /** The summary of a method whose body is not known: nothing. */
  static final AcquireSummary NONE =
      new AcquireSummary(ImmutableList.of(), ImmutableSet.of(), ImmutableList.of(), false);

  /**
   * What a method does with one parameter.
   *
   * @param sinks the holders and fields it stores the value into, in the method's frame
   * @param released whether it releases or closes the value (a helper like {@code closeQuietly(c)})
   */
  record ParameterFate(ImmutableSet<AccessPath> sinks, boolean released) {}

  /**
   * This summary with what {@code more} gives back joined in: its releases, its parameters' sinks
   * and releases, its clean-ups. The acquires stay this summary's.
   */
  AcquireSummary withReleasesOf(AcquireSummary more) {
    ImmutableList.Builder<ParameterFate> joined = ImmutableList.builder();
    for (int i = 0; i < Math.max(parameters.size(), more.parameters.size()); i++) {
      ParameterFate mine = parameter(i);
      ParameterFate theirs = more.parameter(i);
      joined.add(
          new ParameterFate(
              ImmutableSet.<AccessPath>builder()
                  .addAll(mine.sinks())
                  .addAll(theirs.sinks())
                  .build(),
              mine.released() || theirs.released()));
    }
    return new AcquireSummary(
        acquires,
        ImmutableSet.<ReleaseCall>builder().addAll(releases).addAll(more.releases).build(),
        joined.build(),
        cleansUp || more.cleansUp);
  }

  /** The fate of parameter {@code index}, if the method has one there. */
  ParameterFate parameter(int index) {
    return index < parameters.size()
        ? parameters.get(index)
        : new ParameterFate(ImmutableSet.of(), false);
  }
}
