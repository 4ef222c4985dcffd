/**
 * Echo servers, a closed-loop load client and a harness that compares NGI with Netty and
 * blocking I/O under the same load.
 */
@NullMarked
package io.ngi.benchmarks;

import org.jspecify.annotations.NullMarked;
