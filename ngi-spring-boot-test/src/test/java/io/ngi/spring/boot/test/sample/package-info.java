/**
 * A small NGI application that the {@code @NgiTest} and {@code @AutoConfigureNgi} tests
 * load: servers, a UDP handler and the services they use.
 */
@NullMarked
package io.ngi.spring.boot.test.sample;

import org.jspecify.annotations.NullMarked;
