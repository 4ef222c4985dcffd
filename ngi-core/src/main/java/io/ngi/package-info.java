/**
 * The NGI API: event handlers that applications write, and the connections, listeners and
 * implementations that deliver events to them.
 */
@NullMarked
package io.ngi;

import org.jspecify.annotations.NullMarked;
