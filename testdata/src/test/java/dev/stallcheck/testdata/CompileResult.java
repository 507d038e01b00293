package dev.stallcheck.testdata;

import java.util.List;

/**
 * What one javac run reported.
 *
 * @param findings diagnostics of a check ({@code [CheckName] ...}), in report order
 * @param otherErrors every other error, e.g. code that does not compile or a check that crashed;
 *     each as javac would print it
 */
record CompileResult(List<Finding> findings, List<String> otherErrors) {}
