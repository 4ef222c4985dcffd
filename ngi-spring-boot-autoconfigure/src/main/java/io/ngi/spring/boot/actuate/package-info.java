/**
 * Actuator support for NGI: Micrometer meters per listener, the {@code ngi} health
 * indicator and the {@code /actuator/ngi} endpoint, each configured only when its library
 * is on the class path.
 */
@NullMarked
package io.ngi.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
