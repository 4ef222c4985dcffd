/**
 * The root package of the documentation snippets, each document's in a package below it.
 */
@NullMarked
package snippets;

import org.jspecify.annotations.NullMarked;
