/**
 * The reliability and abuse suite of the NIO implementation (issue 8), on its public API;
 * sizes scale with the {@code ngi.reliability.scale} system property.
 */
@NullMarked
package io.ngi.reliability;

import org.jspecify.annotations.NullMarked;
