/**
 * Test support for NGI applications: the {@link io.ngi.spring.boot.test.NgiTest @NgiTest}
 * slice, {@link io.ngi.spring.boot.test.AutoConfigureNgi @AutoConfigureNgi} and the
 * {@link io.ngi.spring.boot.test.NgiTestClient}, which run NGI listeners on the
 * socket-free {@link io.ngi.testing.TestingImplementation}.
 */
@NullMarked
package io.ngi.spring.boot.test;

import org.jspecify.annotations.NullMarked;
