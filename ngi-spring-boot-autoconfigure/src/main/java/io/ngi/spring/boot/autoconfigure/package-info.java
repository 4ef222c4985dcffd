/**
 * Auto-configuration of NGI for Spring Boot: the implementation bean, {@code ngi.*}
 * properties, and the lifecycle that opens and drains the annotated listeners.
 */
@NullMarked
package io.ngi.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
