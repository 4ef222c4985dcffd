/**
 * A runnable Spring Boot application whose NGI servers are the seed documentation's
 * examples: the upper-casing echo, the word-count server, the word count over the
 * {@code Sized} adapter, a UDP datagram counter, and (in {@code io.ngi.sample.finger})
 * the Twisted tutorial's finger service.
 */
@NullMarked
package io.ngi.sample;

import org.jspecify.annotations.NullMarked;
