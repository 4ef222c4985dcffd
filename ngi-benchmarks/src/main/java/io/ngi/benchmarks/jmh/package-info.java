/**
 * JMH microbenchmarks of the testing implementation, the framing adapters and the
 * imperative hand-off.
 */
@NullMarked
package io.ngi.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
