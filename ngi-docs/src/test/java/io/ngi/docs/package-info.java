/**
 * Tests that compile and run the Java snippets of the repository's documentation.
 */
@NullMarked
package io.ngi.docs;

import org.jspecify.annotations.NullMarked;
